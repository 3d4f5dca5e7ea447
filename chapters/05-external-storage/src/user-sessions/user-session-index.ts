import { deadline } from '../session/store-deadline';

/**
 * Which sessions belong to which user: what Spring Session calls an indexed session
 * repository. It powers "my sessions", "log out everywhere" and a limit of K sessions per user.
 */
export interface UserSessionIndex {
  readonly maxSessionsPerUser: number;
  /** After a login: remember the session under its user, then end the oldest beyond the limit. Returns the ended ids. */
  register(userid: string, sessionId: string): Promise<string[]>;
  /** The user's live session ids, oldest first. */
  list(userid: string): Promise<string[]>;
  /** Ends every session of the user ("log out everywhere"). Returns how many were ended. */
  endAll(userid: string): Promise<number>;
}

/** The oldest ids beyond the limit (ids are oldest first), never the session that just logged in. */
export function beyondLimit(ids: readonly string[], limit: number, current: string): string[] {
  const others = ids.filter((id) => id !== current);
  return others.slice(0, Math.max(0, ids.length - limit));
}

/** The index's calls get the same deadline as the store's (see session/store-deadline.ts). */
export function withIndexDeadline(index: UserSessionIndex, ms: number): UserSessionIndex {
  return {
    maxSessionsPerUser: index.maxSessionsPerUser,
    register: (userid, sessionId) =>
      deadline(index.register(userid, sessionId), ms, 'session index'),
    list: (userid) => deadline(index.list(userid), ms, 'session index'),
    endAll: (userid) => deadline(index.endAll(userid), ms, 'session index'),
  };
}
