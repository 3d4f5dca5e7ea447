// What a check's run means, read from jest's --json report: done, still failing by the
// check's own assertion (with its messages), or unable to run (an import error, a syntax
// error, a timeout, a server that did not start): the last is never "the exercise failed".

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;

/** The message of one failure without its stack: the lines before the first "    at …". */
export function messageWithoutStack(failure) {
  const lines = failure.replace(ansi, '').split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  return (firstFrame === -1 ? lines : lines.slice(0, firstFrame))
    .join('\n')
    .trim()
    .replace(/^Error: /, '');
}

/**
 * A failure that is the check's own verdict: thrown (an Error or a failed expect) by the
 * check file itself. A server that did not start fails inside the harness, an import error
 * or a TypeError inside the chapter's code: they say nothing about the exercise.
 */
export function isOwnAssertion(failure, checkFile) {
  const text = failure.replace(ansi, '');
  if (/Exceeded timeout/.test(text)) return false;
  if (/^(TypeError|ReferenceError|SyntaxError|RangeError)\b/.test(text.trimStart())) return false;
  const firstFrame = /^\s+at (?:.*\()?(?:file:\/\/)?(\/[^()]+?):\d+:\d+\)?$/m.exec(text);
  return firstFrame !== null && firstFrame[1] === checkFile;
}

/**
 * @param {any} report jest's --json output
 * @param {string} [file] the end of one test file's path (default: every file of the report)
 * @returns {{ kind: 'passed' } | { kind: 'failing', missing: string[] } |
 *   { kind: 'broken', problem: string }}
 */
export function readOutcome(report, file) {
  const suites = (report?.testResults ?? []).filter((suite) => !file || suite.name.endsWith(file));
  if (suites.length === 0) return { kind: 'broken', problem: 'jest found no check to run' };
  for (const suite of suites) {
    if (suite.testExecError || suite.assertionResults.length === 0)
      return {
        kind: 'broken',
        problem: messageWithoutStack(suite.testExecError?.message ?? suite.message ?? ''),
      };
  }
  const failures = suites.flatMap((suite) =>
    suite.assertionResults
      .filter((result) => result.status === 'failed')
      .flatMap((result) =>
        result.failureMessages.map((failure) => ({ failure, file: suite.name })),
      ),
  );
  if (failures.length === 0) {
    // A check whose tests were all skipped (chapter 06's, where network namespaces cannot be
    // made) ran nothing: never "done".
    const ran = suites.some((suite) =>
      suite.assertionResults.some((result) => result.status === 'passed'),
    );
    if (!ran)
      return {
        kind: 'broken',
        problem:
          'jest skipped every test of the check, so it proved nothing (a check that needs network namespaces is skipped where they cannot be made: its NOT RUN notice says what is missing)',
      };
    return { kind: 'passed' };
  }
  const crash = failures.find(
    ({ failure, file: checkFile }) => !isOwnAssertion(failure, checkFile),
  );
  if (crash) return { kind: 'broken', problem: messageWithoutStack(crash.failure) };
  return {
    kind: 'failing',
    missing: [...new Set(failures.map(({ failure }) => messageWithoutStack(failure)))],
  };
}
