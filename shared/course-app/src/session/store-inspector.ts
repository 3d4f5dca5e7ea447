import type { SessionData, Store } from 'express-session';
import type { SessionInspector, SessionSummary } from './session-inspector';

type StoredSessions = Record<string, SessionData> | SessionData[] | null | undefined;

/** Reads any express-session store that implements the optional `all()` method. */
export function inspectStore(
  store: Store,
  extraStats: () => Promise<Record<string, unknown>> = async () => ({}),
): SessionInspector {
  const all = (): Promise<Array<[string, SessionData]>> =>
    new Promise((resolve, reject) => {
      if (!store.all) return resolve([]);
      store.all((error: unknown, sessions?: StoredSessions) => {
        if (error) return reject(error);
        if (!sessions) return resolve([]);
        // MemoryStore answers an id -> session object; connect-redis an array with `id` on each.
        const entries = Array.isArray(sessions)
          ? sessions.map(
              (session) =>
                [String((session as SessionData & { id?: string }).id), session] as [
                  string,
                  SessionData,
                ],
            )
          : Object.entries(sessions);
        resolve(entries);
      });
    });

  return {
    async sessions(): Promise<SessionSummary[]> {
      return (await all()).map(([id, session]) => summarize(id, session));
    },
    async stats() {
      const summaries = await this.sessions();
      return {
        sessions: summaries.length,
        bytes: summaries.reduce((total, session) => total + session.bytes, 0),
        ...(await extraStats()),
      };
    },
  };
}

export function summarize(id: string, session: SessionData): SessionSummary {
  return {
    id,
    userid: session.userid ?? null,
    cartSize: session.cart?.length ?? 0,
    bytes: Buffer.byteLength(JSON.stringify(session)),
  };
}
