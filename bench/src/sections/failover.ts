import {
  ChapterServer,
  sleep,
  startReplicatedRedis,
  waitFor,
  type ReplicatedRedis,
} from '@sessions/harness';
import { eachRound } from '../load/rounds';
import { spreadOf, type Spread } from '../load/spread';
import { logInOn } from './chapter-lab';

export interface FailoverResults {
  rounds: number;
  downAfterMs: number;
  /** kill -9 of the Redis primary until the Sentinels name the replica as the new primary. */
  promotedMs: Spread;
  /** kill -9 until a chapter 05 server answers `GET /me` for the logged-in user again. */
  appRecoveredMs: Spread;
  /** Rounds where the user was still logged in after the failover (the session reached the replica). */
  sessionsKept: number;
}

/** Chapter 05's highly available store: a primary, a replica, three Sentinels; the primary crashes. */
export async function benchFailover(rounds: number): Promise<FailoverResults> {
  const downAfterMs = 1000;
  const promoted: number[] = [];
  const recovered: number[] = [];
  let sessionsKept = 0;
  await eachRound(rounds, 'failover rounds', async (round) => {
    const redis: ReplicatedRedis = await startReplicatedRedis({
      downAfterMs,
      failoverTimeoutMs: 5000,
    });
    let server: ChapterServer | undefined;
    try {
      server = await ChapterServer.start({
        chapter: '05-external-storage',
        id: '1',
        env: { SESSION_STORE: 'redis', ...redis.env },
      });
      const userid = `failover-${round}`;
      const cookie = await logInOn(server, userid);
      // The write must have reached the replica before the crash, or losing it is expected.
      await sleep(200);
      const crashed = performance.now();
      await redis.primary.kill();
      const appBack = waitForApp(server, cookie, userid);
      await waitFor(
        async () => (await redis.sentinels.masterAddress()).port === redis.replica.port,
        'the Sentinels to promote the replica',
        30_000,
        10,
      );
      promoted.push(Math.round(performance.now() - crashed));
      const { kept } = await appBack;
      recovered.push(Math.round(performance.now() - crashed));
      if (kept) sessionsKept += 1;
    } finally {
      await server?.stop();
      await redis.stop();
    }
  });
  return {
    rounds,
    downAfterMs,
    promotedMs: spreadOf(promoted),
    appRecoveredMs: spreadOf(recovered),
    sessionsKept,
  };
}

/** Polls GET /me until the app answers 200 again; says whether the user was still logged in. */
async function waitForApp(
  server: ChapterServer,
  cookie: string,
  userid: string,
): Promise<{ kept: boolean }> {
  let kept = false;
  await waitFor(
    async () => {
      try {
        const response = await fetch(`${server.url}/me`, {
          headers: { cookie },
          signal: AbortSignal.timeout(2000),
        });
        const body = (await response.json()) as { userid?: string | null };
        if (response.status !== 200) return false;
        kept = body.userid === userid;
        return true;
      } catch {
        return false;
      }
    },
    'the app to reach the new primary',
    30_000,
    10,
  );
  return { kept };
}
