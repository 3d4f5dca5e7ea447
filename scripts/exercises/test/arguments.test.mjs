import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExerciseArguments, parseSolutionArguments } from '../arguments.mjs';

describe('npm run exercise arguments', () => {
  it('take one id, --list or --verify', () => {
    assert.deepEqual(parseExerciseArguments(['04.2']), { mode: 'check', id: '04.2' });
    assert.deepEqual(parseExerciseArguments(['--list']), { mode: 'list' });
    assert.deepEqual(parseExerciseArguments(['--verify']), { mode: 'verify' });
    assert.deepEqual(parseExerciseArguments(['--verify', '02']), { mode: 'verify', chapter: '02' });
    assert.throws(() => parseExerciseArguments(['--verify', '02.1']), /chapter number such as 02/);
  });
  it('refuse nothing, two modes at once, or an unknown option, with the usage', () => {
    assert.throws(() => parseExerciseArguments([]), /Usage/);
    assert.throws(() => parseExerciseArguments(['--list', '04.2']), /one exercise id/);
    assert.throws(() => parseExerciseArguments(['04.1', '04.2']), /one exercise id/);
    assert.throws(() => parseExerciseArguments(['--fast']), /Unknown option '--fast'[\s\S]*Usage/);
  });
});

describe('npm run solution arguments', () => {
  it('take one id and an optional --apply', () => {
    assert.deepEqual(parseSolutionArguments(['01.1']), { id: '01.1', apply: false });
    assert.deepEqual(parseSolutionArguments(['01.1', '--apply']), { id: '01.1', apply: true });
    assert.throws(() => parseSolutionArguments(['--apply']), /one exercise id/);
  });
});
