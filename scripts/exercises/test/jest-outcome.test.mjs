import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOwnAssertion, messageWithoutStack, readOutcome } from '../jest-outcome.mjs';

const file = '/repo/chapters/01-a/exercises/01.1-x/check.e2e-spec.ts';
const suite = (assertionResults, extra = {}) => ({
  testResults: [{ name: file, status: 'failed', message: '', assertionResults, ...extra }],
});
const failed = (...failureMessages) => ({ status: 'failed', failureMessages });

describe('reading a check run from jest --json', () => {
  it('is done when every test passed', () => {
    const report = suite([{ status: 'passed', failureMessages: [] }]);
    assert.deepEqual(readOutcome(report, 'exercises/01.1-x/check.e2e-spec.ts'), { kind: 'passed' });
  });
  it("gives the check's own messages without their stack when it fails", () => {
    const report = suite([
      failed(
        'Error: the cookie has no __Host- prefix yet\n    at Object.<anonymous> (check.ts:1:1)',
      ),
      failed('\u001b[2mexpect(\u001b[22mreceived).toBe(expected)\n\nExpected: 2\n    at x'),
    ]);
    assert.deepEqual(readOutcome(report), {
      kind: 'failing',
      missing: [
        'the cookie has no __Host- prefix yet',
        'expect(received).toBe(expected)\n\nExpected: 2',
      ],
    });
  });
  it('says the check could not run on an import or syntax error, not that it failed', () => {
    const report = suite([], { testExecError: { message: 'Cannot find module ./x\n    at y' } });
    assert.deepEqual(readOutcome(report), { kind: 'broken', problem: 'Cannot find module ./x' });
  });
  it('counts a timeout, a refused connection or a TypeError as not running, not as failing', () => {
    for (const message of [
      'thrown: "Exceeded timeout of 60000 ms for a test."',
      'Error: connect ECONNREFUSED 127.0.0.1:3000',
      "TypeError: Cannot read properties of undefined (reading 'x')",
    ])
      assert.equal(readOutcome(suite([failed(message)])).kind, 'broken', message);
  });
  it('says so when jest found no check at all, or wrote no report', () => {
    assert.equal(readOutcome({ testResults: [] }).kind, 'broken');
    assert.equal(readOutcome(undefined).kind, 'broken');
    assert.equal(
      readOutcome(suite([failed('Error: x')]), 'other/check.e2e-spec.ts').kind,
      'broken',
    );
  });
});

describe('a failure message', () => {
  it('keeps every line before the first stack frame', () => {
    assert.equal(messageWithoutStack('Error: a\nb\n    at c\n    at d'), 'a\nb');
  });
  it('is the check’s own when it is an Error or a matcher', () => {
    assert.ok(isOwnAssertion('Error: the header is missing'));
    assert.ok(isOwnAssertion('expect(received).toBe(expected)'));
    assert.ok(!isOwnAssertion('SyntaxError: Unexpected token'));
  });
});
