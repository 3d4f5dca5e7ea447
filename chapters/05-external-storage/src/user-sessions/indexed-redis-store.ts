import { RedisStore } from 'connect-redis';
import type { SessionData } from 'express-session';
import type { RedisUserSessionIndex } from './redis-user-session-index';

type StoreOptions = ConstructorParameters<typeof RedisStore>[0];
type Callback = Parameters<RedisStore['touch']>[2];

/**
 * connect-redis's RedisStore, plus one thing: whenever a logged-in session is saved or
 * touched (every request), its user's index gets the same lifetime, so an index never
 * expires while one of its sessions is still in use.
 */
export class IndexedRedisStore extends RedisStore {
  constructor(
    options: StoreOptions,
    private readonly index: RedisUserSessionIndex,
  ) {
    super(options);
  }

  override async set(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    await this.keepIndexAlive(session);
    return super.set(sid, session, callback);
  }

  override async touch(sid: string, session: SessionData, callback?: Callback): Promise<unknown> {
    await this.keepIndexAlive(session);
    return super.touch(sid, session, callback);
  }

  private async keepIndexAlive(session: SessionData): Promise<void> {
    // The session's own write reports any store error; the index must not add a second one.
    if (session.userid) await this.index.keepAlive(session.userid).catch(() => undefined);
  }
}
