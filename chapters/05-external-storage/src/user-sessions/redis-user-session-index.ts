import type { RedisConnection } from '../session/redis-connection';
import { beyondLimit, type UserSessionIndex } from './user-session-index';

export interface RedisUserSessionIndexOptions {
  sessionKeyPrefix: string;
  indexKeyPrefix: string;
  maxSessionsPerUser: number;
  indexTtlSeconds: number;
}

// #region user-index
/**
 * One sorted set per user, `course:user-sessions:<userid>`: members are session ids, scores
 * the login time. The sessions themselves stay plain `course:sess:<id>` keys that expire on
 * their own, so the index may point at sessions that are gone: every read drops those.
 */
export class RedisUserSessionIndex implements UserSessionIndex {
  constructor(
    private readonly client: RedisConnection,
    private readonly options: RedisUserSessionIndexOptions,
  ) {}

  get maxSessionsPerUser(): number {
    return this.options.maxSessionsPerUser;
  }

  async register(userid: string, sessionId: string): Promise<string[]> {
    const key = this.indexKey(userid);
    await this.client.zAdd(key, { score: Date.now(), value: sessionId });
    await this.client.expire(key, this.options.indexTtlSeconds);
    const ended = beyondLimit(await this.list(userid), this.options.maxSessionsPerUser, sessionId);
    if (ended.length > 0) {
      await this.client.del(ended.map((id) => this.sessionKey(id)));
      await this.client.zRem(key, ended);
    }
    return ended;
  }

  /**
   * Called on every request of a logged-in session: the index lives as long as the user's
   * most recently used session, so an active session never drops out of it.
   */
  async keepAlive(userid: string): Promise<void> {
    await this.client.expire(this.indexKey(userid), this.options.indexTtlSeconds);
  }

  async list(userid: string): Promise<string[]> {
    const key = this.indexKey(userid);
    const ids = await this.client.zRange(key, 0, -1);
    if (ids.length === 0) return [];
    const sessions = await this.client.mGet(ids.map((id) => this.sessionKey(id)));
    const gone = ids.filter((_, i) => sessions[i] === null);
    if (gone.length > 0) await this.client.zRem(key, gone);
    return ids.filter((_, i) => sessions[i] !== null);
  }

  async endAll(userid: string): Promise<number> {
    const ids = await this.list(userid);
    await this.client.del([this.indexKey(userid), ...ids.map((id) => this.sessionKey(id))]);
    return ids.length;
  }

  private indexKey(userid: string): string {
    return this.options.indexKeyPrefix + userid;
  }

  private sessionKey(sessionId: string): string {
    return this.options.sessionKeyPrefix + sessionId;
  }
}
// #endregion user-index
