import { networkCapability } from './capability';

/** Jest's `describe`, as the network tests call it (the harness is built without Jest's types). */
type Describe = ((name: string, body: () => void) => void) & { skip: Describe };

/**
 * Whether the network tests can run here, and the `describe` to declare them with. Where
 * namespaces cannot be made they are reported as skipped (not run, never passed), with a notice
 * naming what is missing; with SESSIONS_REQUIRE_NETWORK=1 (CI sets it) a missing capability is
 * a failure instead.
 */
export function networkTestGate(): { run: boolean; notice?: string; describe: Describe } {
  const jestDescribe = (globalThis as unknown as { describe: Describe }).describe;
  const capability = networkCapability();
  if (capability.available) return { run: true, describe: jestDescribe };
  const notice = `NOT RUN: the network tests need ${capability.missing}.`;
  if (process.env.SESSIONS_REQUIRE_NETWORK === '1')
    throw new Error(`${notice} SESSIONS_REQUIRE_NETWORK=1 says they must run here.`);
  process.stderr.write(`\n*** ${notice} They are counted as skipped. ***\n\n`);
  return { run: false, notice, describe: jestDescribe.skip };
}
