import { setTimeout as pause } from 'node:timers/promises';
import { LabClient, type Lab } from '@sessions/harness';
import { cookieHeaderOf, meOn, replicationSettled } from './cluster-probe';

export interface CrashOptions {
  users: number;
  /** Pause between one user's writes: longer than the replication delay, so the only loss is the crash. */
  thinkMs: number;
  /** Load before the kill, and after it. */
  warmupMs: number;
  afterMs: number;
  victim: string;
  /** How long replication may take to drain before and after the kill (default 15 s). */
  settleWithinMs?: number;
}

export interface CrashResult {
  acknowledgedWrites: number;
  acknowledgedByVictim: number;
  failedRequests: number;
  /** Writes the client saw succeed (200) that no surviving server has. */
  lostWrites: number;
  /** Of those, how many the killed server had acknowledged. */
  lostOnVictim: number;
}

interface Ack {
  user: number;
  item: string;
  servedBy: string | null;
}

// #region crash
/**
 * kill -9 one server under load. Users keep adding items through the balancer; right after
 * the victim acknowledges a write, it dies. Afterwards every acknowledged item should
 * still be in its user's cart on the surviving servers: the ones that are not were lost.
 */
export async function measureCrashLoss(lab: Lab, options: CrashOptions): Promise<CrashResult> {
  const users = Array.from(
    { length: options.users },
    (_, i) => new LabClient(lab.url, { name: `load-${i + 1}` }),
  );
  for (const [i, user] of users.entries()) await user.post('/login', { userid: `load-${i + 1}` });
  await replicationSettled(lab.servers, options.settleWithinMs);

  const acks: Ack[] = [];
  let failedRequests = 0;
  const started = Date.now();
  let killing: Promise<void> | undefined;
  // Aborted once the load stops (afterMs after the kill): it also ends every user's pause, so
  // nobody waits out a long think time for nothing.
  const loadStopped = new AbortController();
  const victim = lab.server(options.victim);

  const load = users.map(async (user, index) => {
    for (let n = 1; !loadStopped.signal.aborted; n++) {
      const item = `u${index}-${n}`;
      try {
        const response = await user.post<{ cart: string[] }>('/cart', { item });
        if (response.status === 200) {
          acks.push({ user: index, item, servedBy: response.servedBy });
          // The moment: the victim has just answered a write; it dies before the next tick.
          if (
            !killing &&
            response.servedBy === victim.id &&
            Date.now() - started > options.warmupMs
          ) {
            killing = victim.kill();
            setTimeout(() => loadStopped.abort(), options.afterMs);
          }
        } else failedRequests += 1;
      } catch {
        failedRequests += 1;
      }
      await pause(options.thinkMs, undefined, { signal: loadStopped.signal }).catch(() => {});
    }
  });
  await Promise.all(load);
  await killing;
  // #endregion crash

  const survivors = lab.servers.filter((server) => server.id !== victim.id);
  await replicationSettled(survivors, options.settleWithinMs);
  const reader = survivors[0];
  const finalCarts = await Promise.all(
    users.map(async (user) => (await meOn(reader, await cookieHeaderOf(user))).cart),
  );
  const lost = acks.filter((ack) => !finalCarts[ack.user].includes(ack.item));
  return {
    acknowledgedWrites: acks.length,
    acknowledgedByVictim: acks.filter((ack) => ack.servedBy === victim.id).length,
    failedRequests,
    lostWrites: lost.length,
    lostOnVictim: lost.filter((ack) => ack.servedBy === victim.id).length,
  };
}
