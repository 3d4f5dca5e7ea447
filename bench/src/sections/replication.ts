import { lab as clusteringLab } from '@sessions/chapter-04-clustering/lab';
import { percentile, sleep, startLab, waitFor, type Lab } from '@sessions/harness';
import { eachRound } from '../load/rounds';
import { spreadOf, type Spread } from '../load/spread';
import { internalStats, logInOn } from './chapter-lab';

/** The part of chapter 04's /__internal/stats this reads. */
interface ClusterStats {
  sessions: number;
  replication: { lagMs: { last: number; samples: number }; pending: number };
}

export interface ReplicationResults {
  writesPerRound: number;
  rounds: number;
  /** Per round: the p50 / p99 of (applied on a peer − written on its server), as the peers measured it. */
  lagP50Ms: Spread;
  lagP99Ms: Spread;
  /** Starting a fourth server until it answers healthy, its state transfer included. */
  joinMs: Spread;
  sessionsAtJoin: number;
}

export const replicationLagTargetMs = 5;

/**
 * Chapter 04 in its default asynchronous mode: one write at a time on server 1, each
 * peer reports when it applied it. Then a fourth server joins and pulls every session.
 */
export async function benchReplication(
  rounds: number,
  writesPerRound: number,
): Promise<ReplicationResults> {
  const p50: number[] = [];
  const p99: number[] = [];
  const joins: number[] = [];
  await eachRound(rounds, 'replication rounds', async (round) => {
    const lab = await startLab(clusteringLab, { env: { REPLICATION_MODE: 'async' } });
    try {
      const lags = await measureLags(lab, writesPerRound, round);
      p50.push(percentile(lags, 50));
      p99.push(percentile(lags, 99));
      const started = performance.now();
      await lab.addServer();
      joins.push(Math.round(performance.now() - started));
    } finally {
      await lab.stop();
    }
  });
  return {
    writesPerRound,
    rounds,
    lagP50Ms: spreadOf(p50),
    lagP99Ms: spreadOf(p99),
    joinMs: spreadOf(joins),
    sessionsAtJoin: writesPerRound,
  };
}

async function measureLags(lab: Lab, writes: number, round: number): Promise<number[]> {
  const [writer, ...peers] = lab.servers;
  const lags: number[] = [];
  for (let i = 0; i < writes; i++) {
    const before = await Promise.all(peers.map((peer) => internalStats<ClusterStats>(peer)));
    await logInOn(writer, `lag-${round}-${i}`);
    // Each peer counts a lag sample when it applies the write; wait for every peer's. The
    // first look comes after a pause, so that polling does not load the peers while they
    // apply (their own clocks measure the lag; this only waits for the figure).
    await sleep(25);
    let after: ClusterStats[] = before;
    await waitFor(
      async () => {
        after = await Promise.all(peers.map((peer) => internalStats<ClusterStats>(peer)));
        return after.every(
          (stats, p) => stats.replication.lagMs.samples > before[p].replication.lagMs.samples,
        );
      },
      `write ${i} to reach every peer`,
      10_000,
      25,
    );
    for (const stats of after) lags.push(stats.replication.lagMs.last);
  }
  return lags;
}
