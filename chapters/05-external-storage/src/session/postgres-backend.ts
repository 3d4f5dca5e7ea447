import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import pg from 'pg';
import { summarize, type SessionSummary } from '@sessions/course-app';
import { PostgresUserSessionIndex } from '../user-sessions/postgres-user-session-index';
import { withIndexDeadline } from '../user-sessions/user-session-index';
import type { SessionBackend } from './session-backend';
import { sessionTable } from './session-table-name';
import { withDeadline } from './store-deadline';
import type { SessionLimits, StoreConfig } from './store-config';

export { sessionTable };

export function createPostgresBackend(
  config: Extract<StoreConfig, { kind: 'postgres' }>,
  limits: SessionLimits,
): SessionBackend {
  // #region postgres-store
  // One row per session (sid, sess as JSON, expire), in a table the store creates on first
  // use. Every request that carries a session cookie costs a SELECT; every change an UPSERT.
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: 10,
    connectionTimeoutMillis: 1000,
    query_timeout: limits.commandTimeoutMs,
  });
  pool.on('error', (error) => console.warn(`session store (postgres): ${error.message}`));
  const PgStore = connectPgSimple(session);
  const pgStore = new PgStore({ pool, tableName: sessionTable, createTableIfMissing: true });
  const store = withDeadline(pgStore, limits.commandTimeoutMs);
  // #endregion postgres-store

  const sessions = async (): Promise<SessionSummary[]> => {
    const result = await pool
      .query<{ sid: string; sess: session.SessionData }>(
        `SELECT sid, sess FROM "${sessionTable}" WHERE expire >= now()`,
      )
      .catch((error: { code?: string }) => {
        // 42P01: the table does not exist yet, because no session was ever saved.
        if (error.code === '42P01') return { rows: [] };
        throw error;
      });
    return result.rows.map((row) => summarize(row.sid, row.sess));
  };
  return {
    kind: 'postgres',
    store,
    index: withIndexDeadline(
      new PostgresUserSessionIndex(pool, sessionTable, limits.maxSessionsPerUser),
      limits.commandTimeoutMs,
    ),
    inspector: {
      sessions,
      async stats() {
        const all = await sessions();
        return {
          sessions: all.length,
          bytes: all.reduce((total, one) => total + one.bytes, 0),
          store: 'postgres',
          poolConnections: pool.totalCount,
        };
      },
    },
    close: async () => {
      pgStore.close();
      await pool.end();
    },
  };
}
