import type pg from 'pg';
import { beyondLimit, type UserSessionIndex } from './user-session-index';

/**
 * In PostgreSQL the index is a query: the session's JSON already names its user. (Spring
 * Session's JDBC store keeps the user in its own indexed column for the same lookup.)
 * Oldest first means least recently used: `expire` moves forward on every request.
 */
export class PostgresUserSessionIndex implements UserSessionIndex {
  constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
    readonly maxSessionsPerUser: number,
  ) {}

  async register(userid: string, sessionId: string): Promise<string[]> {
    const ended = beyondLimit(await this.list(userid), this.maxSessionsPerUser, sessionId);
    if (ended.length > 0)
      await this.pool.query(`DELETE FROM "${this.table}" WHERE sid = ANY($1)`, [ended]);
    return ended;
  }

  async list(userid: string): Promise<string[]> {
    const result = await this.pool.query<{ sid: string }>(
      `SELECT sid FROM "${this.table}" WHERE sess->>'userid' = $1 AND expire >= now() ORDER BY expire, sess->'cookie'->>'expires'`,
      [userid],
    );
    return result.rows.map((row) => row.sid);
  }

  async endAll(userid: string): Promise<number> {
    const result = await this.pool.query(`DELETE FROM "${this.table}" WHERE sess->>'userid' = $1`, [
      userid,
    ]);
    return result.rowCount ?? 0;
  }
}
