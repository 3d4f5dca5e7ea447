import { networkCapability } from './capability';

/** Jest's `describe`, as the network tests call it (the harness is built without Jest's types). */
type Describe = ((name: string, body: () => void) => void) & { skip: Describe };

export interface TestGate {
  run: boolean;
  notice?: string;
  describe: Describe;
}

/**
 * Whether the network tests can run here, and the `describe` to declare them with. Where
 * namespaces cannot be made they are reported as skipped (not run, never passed), with a notice
 * naming what is missing; with SESSIONS_REQUIRE_NETWORK=1 (CI sets it) a missing capability is
 * a failure instead.
 */
export function networkTestGate(): TestGate {
  const capability = networkCapability();
  return testGate(capability.available ? undefined : capability.missing);
}

/**
 * The same gate for tests that need something else (`missing` says what, undefined when
 * nothing is); `requiredBy` names the variable that makes a missing capability a failure.
 */
export function testGate(
  missing: string | undefined,
  tests = 'the network tests',
  requiredBy = 'SESSIONS_REQUIRE_NETWORK',
): TestGate {
  const jestDescribe = (globalThis as unknown as { describe: Describe }).describe;
  if (missing === undefined) return { run: true, describe: jestDescribe };
  const notice = `NOT RUN: ${tests} need ${missing}.`;
  if (process.env[requiredBy] === '1')
    throw new Error(`${notice} ${requiredBy}=1 says they must run here.`);
  process.stderr.write(`\n*** ${notice} They are counted as skipped. ***\n\n`);
  return { run: false, notice, describe: jestDescribe.skip };
}
