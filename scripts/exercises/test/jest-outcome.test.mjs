import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isOwnAssertion, messageWithoutStack, readOutcome } from '../jest-outcome.mjs';

const file = '/repo/chapters/01-a/exercises/01.1-x/check.e2e-spec.ts';
const suite = (assertionResults, extra = {}) => ({
  testResults: [{ name: file, status: 'failed', message: '', assertionResults, ...extra }],
});
const failed = (...failureMessages) => ({ status: 'failed', failureMessages });
const inCheck = `    at Object.<anonymous> (${file}:12:7)`;
const inHarness =
  '    at ChapterServer.start (/repo/shared/harness/src/process/chapter-server.ts:98:13)';

describe('reading a check run from jest --json', () => {
  it('is done when every test passed', () => {
    const report = suite([{ status: 'passed', failureMessages: [] }]);
    assert.deepEqual(readOutcome(report, 'exercises/01.1-x/check.e2e-spec.ts'), { kind: 'passed' });
  });
  it("gives the check's own messages without their stack when it fails", () => {
    const report = suite([
      failed(`Error: the cookie has no __Host- prefix yet\n${inCheck}`),
      failed(`\u001b[2mexpect(\u001b[22mreceived).toBe(expected)\n\nExpected: 2\n${inCheck}`),
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
  it('counts a timeout, a server that did not start or a TypeError as not running, not as failing', () => {
    for (const message of [
      `thrown: "Exceeded timeout of 60000 ms for a test."\n${inCheck}`,
      `Error: timed out waiting for server 1 to answer /health\n${inHarness}\n${inCheck}`,
      `TypeError: Cannot read properties of undefined (reading 'x')\n${inCheck}`,
      'Error: a message without any stack frame',
    ])
      assert.equal(readOutcome(suite([failed(message)])).kind, 'broken', message);
  });
  it('says a check whose tests were all skipped did not run, never that it passed', () => {
    const report = suite([{ status: 'pending', failureMessages: [] }]);
    const outcome = readOutcome(report);
    assert.equal(outcome.kind, 'broken');
    assert.match(outcome.problem, /skipped every test/);
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
  it('is the check’s own when the check file itself threw it', () => {
    assert.ok(isOwnAssertion(`Error: the header is missing\n${inCheck}`, file));
    assert.ok(
      isOwnAssertion(`expect(received).toBe(expected)\n${inCheck.replace('/', 'file:///')}`, file),
    );
    assert.ok(!isOwnAssertion(`Error: timed out\n${inHarness}\n${inCheck}`, file));
    assert.ok(!isOwnAssertion(`SyntaxError: Unexpected token\n${inCheck}`, file));
  });
});
