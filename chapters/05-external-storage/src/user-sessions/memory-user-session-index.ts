import type { MemoryStore, SessionData } from 'express-session';
import { beyondLimit, type UserSessionIndex } from './user-session-index';

/** For the in-process store: a scan of this process's sessions, least recently used first. */
export class MemoryUserSessionIndex implements UserSessionIndex {
  constructor(
    private readonly store: MemoryStore,
    readonly maxSessionsPerUser: number,
  ) {}

  async register(userid: string, sessionId: string): Promise<string[]> {
    const ended = beyondLimit(await this.list(userid), this.maxSessionsPerUser, sessionId);
    await Promise.all(ended.map((id) => this.destroy(id)));
    return ended;
  }

  async list(userid: string): Promise<string[]> {
    const sessions = await new Promise<Record<string, SessionData>>((resolve, reject) =>
      this.store.all((error, all) =>
        error ? reject(error) : resolve((all ?? {}) as Record<string, SessionData>),
      ),
    );
    const expires = (session: SessionData) => new Date(session.cookie.expires ?? 0).getTime();
    return Object.entries(sessions)
      .filter(([, session]) => session.userid === userid)
      .sort(([, a], [, b]) => expires(a) - expires(b))
      .map(([id]) => id);
  }

  async endAll(userid: string): Promise<number> {
    const ids = await this.list(userid);
    await Promise.all(ids.map((id) => this.destroy(id)));
    return ids.length;
  }

  private destroy(id: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.store.destroy(id, (error) => (error ? reject(error) : resolve())),
    );
  }
}
