import { startLab, type Lab } from '@sessions/harness';
import { measureFailover } from '../lab/experiments/failover';
import { externalStorageLab } from '../lab/lab';

/** A primary, a replica and three Sentinels; the servers reach Redis through Sentinel. */
describe('when the Redis primary is killed (kill -9) behind Sentinel', () => {
  let lab: Lab | undefined;

  beforeEach(async () => {
    lab = await startLab(externalStorageLab('redis-sentinel'), { servers: 2 });
  });
  afterEach(async () => {
    await lab?.stop();
  });

  /** Two writers keep writing through the kill; the failover is measured a second after it. */
  const failover = (settledUsers: number, replicaBehindMs: number) =>
    measureFailover(lab!, { settledUsers, writers: 2, afterKillMs: 1000, replicaBehindMs });

  it('the replica is promoted, and every session written well before the kill survives', async () => {
    const result = await failover(10, 0);

    expect(result.settledSurvived).toBe(result.settledSessions);
    expect(result.promotionMs).toBeGreaterThan(0);
    // The app took writes again after the failover, without restarting a server.
    expect(result.writeOutageMs).toBeGreaterThan(0);
  });

  it('writes acknowledged while the replica lagged behind are lost: replication is asynchronous', async () => {
    const result = await failover(5, 400);

    expect(result.lostWrites).toBeGreaterThan(0);
    // What reached the replica before it fell behind is still there.
    expect(result.settledSurvived).toBe(result.settledSessions);
  });
});
