import {
  LabClient,
  launcherHost,
  sleep,
  waitFor,
  type Lab,
  type LabDefinition,
  type LabResponse,
} from '@sessions/harness';

/** Health checks as HAProxy's defaults (fall 3, rise 2), four times as often: a lab wants to watch. */
export const healthCheck = { intervalMs: 500, fall: 3, rise: 2, timeoutMs: 400 };

// #region sticky-lab
/**
 * Sticky sessions (chapter 03's idea) with sessions in each server's memory: chapter 05's
 * servers with the memory store, behind the balancer's inserted SERVERID cookie, each server
 * on its own host. Whatever takes a user off their server takes their session.
 */
export const stickyOnHosts: LabDefinition = {
  chapter: '05-external-storage',
  title: 'Chapter 06 · sticky sessions and a bad link: sessions in memory, one host per server',
  servers: 2,
  strategy: 'sticky-insert-cookie',
  network: 'hosts',
  serverEnv: () => ({ SESSION_STORE: 'memory' }),
  tryThis: ['Dashboard: link-loss between balancer and s1 at 30 %, then 100 %.'],
};
// #endregion sticky-lab

export interface SlowLinkOptions {
  /** What is wrong with the link between the balancer and s1. */
  link: { lossPercent: number } | { delayMs: number };
  /** How long the users keep asking while the link is bad. */
  durationMs: number;
  users: number;
  /** What a user waits for an answer before giving up. */
  userTimeoutMs: number;
}

export interface SlowLinkResult {
  /** Users the balancer had placed on s1 (the server behind the bad link). */
  usersOnS1: number;
  /** s1 taken out by the health checks, and put back, while the link was bad. */
  markedDown: number;
  markedUp: number;
  /** From the bad link until s1 was first marked down (undefined: never). */
  firstDownMs: number | undefined;
  requests: {
    total: number;
    /** 200 from the user's own server, still logged in. */
    served: number;
    /** An error status or no answer within the user's timeout. */
    failed: number;
    /** Answered (200) more slowly than one health-check timeout. */
    slow: number;
  };
  /** Users on s1 who were answered by s2 at least once, and so logged out there. */
  usersRerouted: number;
  /** Users on s1 logged out at the end (their session stayed in s1's memory). */
  sessionsLost: number;
  /** Users on s2 logged out at the end. */
  sessionsLostOnS2: number;
}

interface Me {
  server: string;
  userid: string | null;
}

// #region slow-link
/**
 * Users log in through the balancer, which pins each to a server. The link between the
 * balancer and s1 then drops a share of its packets, or adds a delay: the health checks and the
 * users' requests to s1 cross the same bad link. Each user keeps asking for /me; the
 * balancer's pool tells when it marks s1 down or up. The link heals at the end.
 */
export async function measureSlowLink(lab: Lab, options: SlowLinkOptions): Promise<SlowLinkResult> {
  const network = lab.network;
  const pool = lab.balancer?.pool;
  if (!network || !pool) throw new Error('the slow-link experiment needs a balancer in hosts mode');
  const users = [];
  for (let i = 0; i < options.users; i++) {
    const userid = `sticky-${i}`;
    const client = new LabClient(lab.url, { name: userid, timeoutMs: options.userTimeoutMs });
    // The link is still good: a login slower than the user's timeout is the busy machine, so ask again.
    let login: LabResponse<Me> | undefined;
    for (let attempt = 0; attempt < 5 && login?.status !== 200; attempt++)
      login = await client.post<Me>('/login', { userid }).catch(() => undefined);
    if (login?.status !== 200) throw new Error(`${userid} could not log in`);
    users.push({ client, userid, home: login.body.server, rerouted: false });
  }

  const transitions = { down: 0, up: 0, firstDownAt: undefined as number | undefined };
  const unsubscribe = pool.onChange((server) => {
    if (server.id !== '1') return;
    if (server.health === 'down') {
      transitions.down += 1;
      transitions.firstDownAt ??= Date.now();
    } else transitions.up += 1;
  });
  const requests = { total: 0, served: 0, failed: 0, slow: 0 };
  const spoil = (good: boolean) =>
    'lossPercent' in options.link
      ? network.setLoss(launcherHost, 's1', good ? 0 : options.link.lossPercent)
      : network.setDelay(launcherHost, 's1', good ? 0 : options.link.delayMs);
  await spoil(false);
  const badFrom = Date.now();
  try {
    await Promise.all(
      users.map(async (user) => {
        while (Date.now() - badFrom < options.durationMs) {
          const started = Date.now();
          const me = await user.client.get<Me>('/me').catch(() => undefined);
          requests.total += 1;
          if (me?.status !== 200) requests.failed += 1;
          else if (me.body.server !== user.home || me.body.userid !== user.userid) {
            if (me.body.server !== user.home) user.rerouted = true;
          } else requests.served += 1;
          if (me?.status === 200 && Date.now() - started > healthCheck.timeoutMs)
            requests.slow += 1;
          await sleep(100);
        }
      }),
    );
  } finally {
    unsubscribe();
    await spoil(true);
  }
  const result: SlowLinkResult = {
    usersOnS1: users.filter((user) => user.home === '1').length,
    markedDown: transitions.down,
    markedUp: transitions.up,
    firstDownMs: transitions.firstDownAt && transitions.firstDownAt - badFrom,
    requests,
    usersRerouted: users.filter((user) => user.home === '1' && user.rerouted).length,
    sessionsLost: 0,
    sessionsLostOnS2: 0,
  };
  // #endregion slow-link
  // Back to normal before the final look: s1 up again, so a user still pinned there is asked there.
  const riseBoundMs =
    (healthCheck.rise + 1) * (healthCheck.intervalMs + healthCheck.timeoutMs) + 5_000;
  await waitFor(
    () => pool.get('1')?.health === 'up',
    's1 to be marked up after the heal',
    riseBoundMs,
  );
  for (const user of users) {
    const me = await user.client.get<Me>('/me');
    if (me.body.userid === user.userid) continue;
    if (user.home === '1') result.sessionsLost += 1;
    else result.sessionsLostOnS2 += 1;
  }
  return result;
}
