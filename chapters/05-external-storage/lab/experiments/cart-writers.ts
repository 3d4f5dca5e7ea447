import { LabClient, sleep, type Lab, type LabResponse } from '@sessions/harness';

/**
 * A request the store refused (503: its deadline passed on a busy machine) told the user it
 * failed, so the user asks again; anything else is the answer.
 */
async function askUntilAnswered<T>(ask: () => Promise<LabResponse<T>>): Promise<LabResponse<T>> {
  for (let attempt = 1; ; attempt++) {
    const answer = await ask();
    if (answer.status !== 503 || attempt === 5) return answer;
    await sleep(200 * attempt);
  }
}

/** Users who logged in well before a store failure: their sessions must survive it. */
export async function logInSettledUsers(lab: Lab, count: number): Promise<LabClient[]> {
  const users: LabClient[] = [];
  for (let i = 0; i < count; i++) {
    const user = new LabClient(lab.url, { name: `settled-${i}`, timeoutMs: 5000 });
    const login = await askUntilAnswered(() => user.post('/login', { userid: `settled-${i}` }));
    if (login.status !== 200)
      throw new Error(
        `settled-${i} could not log in: ${login.status} ${JSON.stringify(login.body)}`,
      );
    users.push(user);
  }
  return users;
}

/** How many settled users are still logged in as themselves. */
export async function settledSurvivors(users: LabClient[]): Promise<number> {
  let survived = 0;
  for (const [i, user] of users.entries()) {
    const me = await askUntilAnswered(() => user.get<{ userid: string | null }>('/me'));
    if (me.status !== 200)
      throw new Error(`settled-${i}: /me answered ${me.status} ${JSON.stringify(me.body)}`);
    if (me.body.userid === `settled-${i}`) survived += 1;
  }
  return survived;
}

/** What a store failover cost the users, measured the same way for Redis and PostgreSQL. */
export interface StoreFailoverFigures {
  settledSessions: number;
  settledSurvived: number;
  /** kill -9 of the primary until a standby takes writes. */
  promotionMs: number;
  /** kill -9 until the app acknowledges a write again. */
  writeOutageMs: number;
  acknowledgedWrites: number;
  /** Cart items the app acknowledged (200) that the new primary does not have. */
  lostWrites: number;
  /**
   * Writes refused during the failover (503, or 401 for a session the new primary never had):
   * the client knew they failed.
   */
  refusedWrites: number;
}

// #region cart-writers
/** One session a writer used, with its cart as last acknowledged for a write sent before the failure. */
interface WrittenSession {
  user: LabClient;
  ackedBeforeFailure: string[];
}

/**
 * Users who keep adding to their carts while the store fails over. Items only ever get added
 * to a cart, so an item acknowledged before the failure and missing afterwards was lost.
 * A full cart (409) or a session the store no longer has (401) makes the writer carry on in a
 * new session; the old one is kept and checked at the end like the others, so a write is
 * counted wherever it went.
 */
export class CartWriters {
  private readonly sessions: WrittenSession[][];
  private failedAt = Number.POSITIVE_INFINITY;
  private running = true;
  private writing: Promise<void>[] = [];
  acknowledgedWrites = 0;
  refusedWrites = 0;
  firstWriteAfterFailure: number | undefined;

  constructor(
    private readonly lab: Lab,
    count: number,
  ) {
    this.sessions = Array.from({ length: count }, () => []);
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.sessions.length; i++) await this.newSession(i);
    this.writing = this.sessions.map((_, i) => this.keepWriting(i));
  }

  /** From now on nothing written can reach the failed store. */
  failureAt(time = Date.now()): number {
    this.failedAt = time;
    return time;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.writing);
  }

  /** Acknowledged (200) cart items that the store no longer has, in every session written. */
  async lostWrites(): Promise<number> {
    let lost = 0;
    for (const session of this.sessions.flat()) {
      if (session.ackedBeforeFailure.length === 0) continue;
      const me = await askUntilAnswered(() => session.user.get<{ cart?: string[] }>('/me'));
      const now = me.body.cart ?? [];
      lost += session.ackedBeforeFailure.filter((item) => !now.includes(item)).length;
    }
    return lost;
  }

  /**
   * A new user for each session: the app ends a user's oldest sessions beyond its limit,
   * which would look like lost writes.
   */
  private async newSession(i: number): Promise<WrittenSession> {
    const user = new LabClient(this.lab.url, { name: `writer-${i}`, timeoutMs: 5000 });
    // A login refused while the store fails over shows as a 401 on the next write.
    await user
      .post('/login', { userid: `writer-${i}-${this.sessions[i].length}` })
      .catch(() => undefined);
    const session = { user, ackedBeforeFailure: [] };
    this.sessions[i].push(session);
    return session;
  }

  private async keepWriting(i: number): Promise<void> {
    let session = this.sessions[i][0];
    for (let n = 0; this.running; n++) {
      const sent = Date.now();
      const answer = await session.user
        .post<{ cart?: string[] }>('/cart', { item: `w${i}-${n}` })
        .catch(() => undefined);
      if (answer?.status === 200) {
        if (sent < this.failedAt) session.ackedBeforeFailure = answer.body.cart ?? [];
        this.acknowledgedWrites += 1;
        if (sent > this.failedAt && this.firstWriteAfterFailure === undefined)
          this.firstWriteAfterFailure = Date.now();
        continue;
      }
      if (answer?.status !== 409) {
        this.refusedWrites += 1;
        await sleep(20);
      }
      if (answer?.status === 409 || answer?.status === 401) session = await this.newSession(i);
    }
  }
}
// #endregion cart-writers
