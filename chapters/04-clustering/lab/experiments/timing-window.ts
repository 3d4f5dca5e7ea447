import { LabClient, progress, type Lab } from '@sessions/harness';
import { cookieHeaderOf, meOn } from './cluster-probe';

export interface StaleReadResult {
  trials: number;
  staleReads: number;
  staleRate: number;
  /** How long the write (the login) took for the client: sync mode pays the replication here. */
  meanWriteMs: number;
}

// #region timing-window
/**
 * The first drawback of clustering, measured: a user logs in on server 1 and at once asks
 * server 2. If the replicated write has not arrived yet, server 2 does not know the user.
 */
export async function measureStaleReads(
  lab: Lab,
  trials: number,
  showProgress = false,
): Promise<StaleReadResult> {
  const [writer, reader] = lab.servers;
  let staleReads = 0;
  let writeMs = 0;
  for (let i = 0; i < trials; i++) {
    const userid = `timing-${i}`;
    const user = new LabClient(writer.url, { name: userid });
    const login = await user.post('/login', { userid });
    writeMs += login.ms;
    const seenByServer2 = await meOn(reader, await cookieHeaderOf(user));
    if (seenByServer2.userid !== userid) staleReads += 1;
    if (showProgress) progress('write on 1, read on 2', i + 1, trials);
  }
  return {
    trials,
    staleReads,
    staleRate: staleReads / trials,
    meanWriteMs: Math.round((writeMs / trials) * 10) / 10,
  };
}
// #endregion timing-window
