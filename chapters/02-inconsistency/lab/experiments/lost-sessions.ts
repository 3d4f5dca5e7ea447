import {
  countBy,
  courseUsers,
  progress,
  seededRandom,
  shuffled,
  type Lab,
} from '@sessions/harness';

export interface LostSessionsOptions {
  users: number;
  requestsPerUser: number;
  servers: number;
  /** Users ask in a different order each round, as real users do; the seed makes it repeatable. */
  seed: number;
}

export interface LostSessionsResult {
  requests: number;
  requestsWithoutSession: number;
  shareWithoutSession: number;
  /** With round-robin and N servers, a request finds its session only on the server that made it: 1 - 1/N. */
  expectedShare: number;
  servedBy: Record<string, number>;
}

// #region lost-sessions
/**
 * K users each log in once, then ask GET /me M times through the balancer.
 * A /me that comes back with userid null reached a server that never saw the login.
 * (Users asking in a fixed order would hit the same server every round by coincidence,
 * so each round shuffles them, like independent users.)
 */
export async function measureLostSessions(
  lab: Lab,
  options: LostSessionsOptions,
): Promise<LostSessionsResult> {
  const users = courseUsers(lab.url, options.users);
  let without = 0;
  let done = 0;
  for (const [i, user] of users.entries()) {
    await user.post('/login', { userid: `user-${i + 1}` });
  }
  const random = seededRandom(options.seed);
  for (let round = 0; round < options.requestsPerUser; round++) {
    for (const user of shuffled(users, random)) {
      const me = await user.get<{ userid: string | null }>('/me');
      if (me.body.userid === null) without += 1;
      progress('requests', ++done, options.users * options.requestsPerUser);
    }
  }
  const requests = options.users * options.requestsPerUser;
  return {
    requests,
    requestsWithoutSession: without,
    shareWithoutSession: without / requests,
    expectedShare: 1 - 1 / options.servers,
    servedBy: countBy(
      users.flatMap((user) => user.history.filter((r) => r.path === '/me')),
      (r) => r.servedBy,
    ),
  };
}
// #endregion lost-sessions
