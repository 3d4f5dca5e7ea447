import {
  courseUsers,
  progress,
  seededRandom,
  shuffled,
  waitFor,
  type Lab,
  type LabClient,
} from '@sessions/harness';

/** When the users come back: right after the crash, or once health checks took the server out. */
export type FailoverMoment = 'right-after-crash' | 'after-health-checks';

export interface FailoverLossOptions {
  users: number;
  /** The server that gets SIGKILL. */
  victim: string;
  moment: FailoverMoment;
  /** Users come back in a shuffled order; the seed makes it repeatable. */
  seed: number;
  showProgress?: boolean;
}

export interface FailoverLossResult {
  users: number;
  /** Users whose /me still found their session before the crash (stickiness worked). */
  keptBeforeCrash: number;
  /** Users the balancer had pinned to the victim. */
  pinnedToVictim: number;
  /** Users whose next /me came back with userid null. */
  lost: number;
  lostShare: number;
  /** The users pinned to the dead server, over all users: what sticky sessions predict. */
  expectedShare: number;
  /** True when exactly the users pinned to the victim lost their session, nobody else. */
  lostExactlyThePinned: boolean;
  /** Requests after the crash, by the server that answered. */
  servedAfter: Record<string, number>;
}

interface Me {
  server: string;
  userid: string | null;
  cart: string[];
}

// #region failover-loss
/**
 * N users log in and put something in their cart, each pinned to one server. One server
 * gets kill -9, and every user asks for /me again. With sticky sessions and in-memory
 * sessions, the users pinned to the dead server (and only they) come back logged out.
 */
export async function measureFailoverLoss(
  lab: Lab,
  options: FailoverLossOptions,
): Promise<FailoverLossResult> {
  const users = courseUsers(lab.url, options.users);
  const pinned = new Map<LabClient, string | null>();
  for (const [i, user] of users.entries()) {
    const login = await user.post('/login', { userid: `user-${i + 1}` });
    await user.post('/cart', { item: 'apple' });
    pinned.set(user, login.servedBy);
  }
  let keptBeforeCrash = 0;
  for (const user of users) {
    const me = await user.get<Me>('/me');
    if (me.body.userid !== null && me.servedBy === pinned.get(user)) keptBeforeCrash += 1;
  }

  await lab.server(options.victim).kill();
  if (options.moment === 'after-health-checks') {
    await waitFor(
      () => lab.balancer?.pool.get(options.victim)?.health === 'down',
      `the balancer's health checks to take server ${options.victim} out`,
    );
  }

  const lostUsers = new Set<LabClient>();
  const servedAfter: Record<string, number> = {};
  let done = 0;
  for (const user of shuffled(users, seededRandom(options.seed))) {
    const me = await user.get<Me>('/me');
    if (me.body.userid === null) lostUsers.add(user);
    const server = me.servedBy ?? 'none';
    servedAfter[server] = (servedAfter[server] ?? 0) + 1;
    if (options.showProgress) progress('users back after the crash', ++done, users.length);
  }
  const pinnedUsers = users.filter((user) => pinned.get(user) === options.victim);
  return {
    users: users.length,
    keptBeforeCrash,
    pinnedToVictim: pinnedUsers.length,
    lost: lostUsers.size,
    lostShare: lostUsers.size / users.length,
    expectedShare: pinnedUsers.length / users.length,
    lostExactlyThePinned:
      lostUsers.size === pinnedUsers.length && pinnedUsers.every((user) => lostUsers.has(user)),
    servedAfter,
  };
}
// #endregion failover-loss
