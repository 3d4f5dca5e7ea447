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
  /** Writes refused (503) during the failover: the client knew they failed. */
  refusedWrites: number;
}

// #region cart-writers
/**
 * Users who keep adding to their carts while the store fails over. Each remembers its cart
 * as last acknowledged for a write sent before the failure: items only ever get added after
 * it, so an item acknowledged before the failure and missing afterwards was lost.
 */
export class CartWriters {
  private readonly writers: LabClient[];
  private readonly ackedBeforeFailure: string[][];
  private failedAt = Number.POSITIVE_INFINITY;
  private running = true;
  private writing: Promise<void>[] = [];
  acknowledgedWrites = 0;
  refusedWrites = 0;
  firstWriteAfterFailure: number | undefined;

  constructor(lab: Lab, count: number) {
    this.writers = Array.from(
      { length: count },
      (_, i) => new LabClient(lab.url, { name: `writer-${i}`, timeoutMs: 5000 }),
    );
    this.ackedBeforeFailure = this.writers.map(() => []);
  }

  async start(): Promise<void> {
    for (const [i, writer] of this.writers.entries())
      await writer.post('/login', { userid: `writer-${i}` });
    this.writing = this.writers.map((writer, i) => this.keepWriting(writer, i));
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

  /** Acknowledged (200) cart items that the store no longer has. */
  async lostWrites(): Promise<number> {
    let lost = 0;
    for (const [i, writer] of this.writers.entries()) {
      const now = (await writer.get<{ cart: string[] }>('/me')).body.cart ?? [];
      lost += this.ackedBeforeFailure[i].filter((item) => !now.includes(item)).length;
    }
    return lost;
  }

  private async keepWriting(writer: LabClient, i: number): Promise<void> {
    for (let n = 0; this.running; n++) {
      const sent = Date.now();
      const answer = await writer
        .post<{ cart?: string[] }>('/cart', { item: `w${i}-${n}` })
        .catch(() => undefined);
      if (answer?.status === 200) {
        if (sent < this.failedAt) this.ackedBeforeFailure[i] = answer.body.cart ?? [];
        this.acknowledgedWrites += 1;
        if (sent > this.failedAt && this.firstWriteAfterFailure === undefined)
          this.firstWriteAfterFailure = Date.now();
      } else {
        this.refusedWrites += 1;
        await sleep(20);
      }
      // The cart holds at most 100 items: before the failure, log in again for a fresh one;
      // after it, stop (a new session would hide what the failover lost).
      if (answer?.status === 409) {
        if (this.failedAt !== Number.POSITIVE_INFINITY) break;
        await writer.post('/login', { userid: `writer-${i}` });
        this.ackedBeforeFailure[i] = [];
      }
    }
  }
}
// #endregion cart-writers
