import { MemoryStore, type SessionData } from 'express-session';
import { withDeadline } from './store-deadline';

/** A store whose get never answers, like a Redis that accepted the command and hangs. */
class HangingStore extends MemoryStore {
  override get(): void {}
}

const get = (store: MemoryStore, id: string) =>
  new Promise<{ error?: unknown; session?: SessionData | null }>((resolve) =>
    store.get(id, (error, session) => resolve({ error, session })),
  );

describe('a store call with a deadline', () => {
  it('fails with a clear error when the store does not answer in time', async () => {
    const store = withDeadline(new HangingStore(), 50) as MemoryStore;
    const { error } = await get(store, 'abc');
    expect(String(error)).toMatch(/no answer within 50 ms/);
  });

  it('passes the answer through when the store answers in time', async () => {
    const inner = new MemoryStore();
    const session = { cookie: { originalMaxAge: 1000 }, userid: 'a', cart: [] } as SessionData;
    await new Promise<void>((resolve) => inner.set('abc', session, () => resolve()));
    const store = withDeadline(inner, 1000) as MemoryStore;

    const answer = await get(store, 'abc');

    expect(answer.error).toBeFalsy();
    expect(answer.session?.userid).toBe('a');
  });
});
