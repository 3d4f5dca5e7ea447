import pg from 'pg';
import { sleep, startLab, startPostgres, type PostgresServer } from '@sessions/harness';
import { externalStorageLab } from '../lab';
import {
  CartWriters,
  logInSettledUsers,
  settledSurvivors,
  type StoreFailoverFigures,
} from './cart-writers';

export interface PromotionOptions {
  servers: number;
  settledUsers: number;
  writers: number;
  /** How long the writers keep going after the kill. */
  afterKillMs: number;
}

/**
 * promotionMs: kill -9 of the primary until `pg_ctl promote` returns (the standby accepts
 * writes); writeOutageMs: that promotion plus repointing the servers.
 */
export interface PromotionResult extends StoreFailoverFigures {
  /** What the operator did by hand: promote the standby, then repoint and restart each server. */
  operatorSteps: number;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary has written. */
async function standbyCaughtUp(primary: PostgresServer, standby: PostgresServer): Promise<void> {
  const [{ lsn }] = await sql<{ lsn: string }>(
    primary.superuserUrl,
    'SELECT pg_current_wal_lsn() AS lsn',
  );
  for (let i = 0; i < 200; i++) {
    const [{ behind }] = await sql<{ behind: boolean }>(
      standby.superuserUrl,
      `SELECT pg_last_wal_replay_lsn() < '${lsn}'::pg_lsn AS behind`,
    );
    if (!behind) return;
    await sleep(25);
  }
  throw new Error('the standby did not catch up with the primary within 5 s');
}

// #region postgres-promotion
/**
 * PostgreSQL's own replication: a hot standby streams the primary's WAL (asynchronously, the
 * default). Nothing watches the primary: when it dies (kill -9), an operator promotes the
 * standby by hand (`pg_ctl promote`) and points every app server at it (a new DATABASE_URL
 * and a restart: node-postgres follows one address). Here a script does those steps at
 * once; a person would first have to notice.
 */
export async function measurePostgresPromotion(
  options: PromotionOptions,
): Promise<PromotionResult> {
  const primary = await startPostgres();
  let standby: PostgresServer | undefined;
  try {
    standby = await primary.startStandby();
    const lab = await startLab(
      {
        ...externalStorageLab('postgres'),
        services: async () => ({
          env: { SESSION_STORE: 'postgres', DATABASE_URL: primary.url },
          stop: async () => {},
        }),
      },
      { servers: options.servers },
    );
    try {
      const settled = await logInSettledUsers(lab, options.settledUsers);
      await standbyCaughtUp(primary, standby);
      const writers = new CartWriters(lab, options.writers);
      await writers.start();
      await sleep(300);

      await primary.kill();
      const killedAt = writers.failureAt();
      await standby.promote(); // operator step 1
      const promotedAt = Date.now();
      // Operator steps 2..N+1: every server gets the new address and restarts.
      await Promise.all(
        lab.servers.map(async (server) => {
          server.setEnv({ DATABASE_URL: standby!.url });
          await server.restart();
        }),
      );
      while (
        writers.firstWriteAfterFailure === undefined ||
        Date.now() - killedAt < options.afterKillMs
      ) {
        if (Date.now() - killedAt > 30_000) {
          await writers.stop();
          throw new Error('30 s after the kill the app still refuses writes');
        }
        await sleep(25);
      }
      await writers.stop();
      return {
        settledSessions: settled.length,
        settledSurvived: await settledSurvivors(settled),
        promotionMs: promotedAt - killedAt,
        writeOutageMs: writers.firstWriteAfterFailure - killedAt,
        acknowledgedWrites: writers.acknowledgedWrites,
        lostWrites: await writers.lostWrites(),
        refusedWrites: writers.refusedWrites,
        operatorSteps: 1 + lab.servers.length,
      };
    } finally {
      await lab.stop();
    }
  } finally {
    await standby?.stop();
    await primary.stop();
  }
}
// #endregion postgres-promotion
