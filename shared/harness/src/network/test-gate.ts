import { networkCapability } from './capability';

/**
 * Whether the network tests can run here. Where namespaces cannot be made they are reported
 * as skipped (not run, never passed), with a notice naming what is missing; with
 * SESSIONS_REQUIRE_NETWORK=1 (CI sets it) a missing capability is a failure instead.
 */
export function networkTestGate(): { run: boolean; notice?: string } {
  const capability = networkCapability();
  if (capability.available) return { run: true };
  const notice = `NOT RUN: the network tests need ${capability.missing}.`;
  if (process.env.SESSIONS_REQUIRE_NETWORK === '1')
    throw new Error(`${notice} SESSIONS_REQUIRE_NETWORK=1 says they must run here.`);
  process.stderr.write(`\n*** ${notice} They are counted as skipped. ***\n\n`);
  return { run: false, notice };
}
