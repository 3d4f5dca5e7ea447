import {
  againIfNotStarted,
  chapterDir,
  formatTable,
  median,
  progress,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { measurePostgresPromotion } from './postgres-promotion';
import { onFreshLab } from './run-failover';

const rounds = 3;
// One server per lab: fewer processes starting at once on a busy machine, the same failover.
const servers = 1;
const workload = { settledUsers: 20, writers: 6, afterKillMs: 3000 };

interface Round {
  promotionMs: number;
  writeOutageMs: number;
  lostWrites: number;
  acknowledgedWrites: number;
  settledLost: number;
  operatorSteps: number;
}

// npm run experiment -w chapters/05-external-storage -- replication
export async function runReplication(): Promise<void> {
  console.log(
    `How easily the store replicates: the primary gets kill -9 while ${workload.writers} users add to their carts, ${rounds} rounds each. Redis: a replica and three Sentinels promote it by themselves. PostgreSQL: a streaming standby, promoted by hand (pg_ctl promote) and the ${servers} server(s) repointed to it.`,
  );
  const redis: Round[] = [];
  const postgres: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    const sentinel = await againIfNotStarted(() =>
      onFreshLab({ ...workload, replicaBehindMs: 0 }, servers),
    );
    redis.push({
      ...sentinel,
      settledLost: sentinel.settledSessions - sentinel.settledSurvived,
      operatorSteps: 0,
    });
    progress('rounds', round * 2 + 1, rounds * 2);
    const promoted = await againIfNotStarted(() =>
      measurePostgresPromotion({ ...workload, servers }),
    );
    postgres.push({
      ...promoted,
      settledLost: promoted.settledSessions - promoted.settledSurvived,
    });
    progress('rounds', round * 2 + 2, rounds * 2);
  }

  const spread = (values: number[]) =>
    `${median(values)} (${Math.min(...values)}–${Math.max(...values)})`;
  const row = (store: string, promotedBy: string, results: Round[]) => ({
    store,
    'promoted by': promotedBy,
    'kill -9 to promotion, ms': spread(results.map((r) => r.promotionMs)),
    'kill -9 to the first acknowledged write, ms': spread(results.map((r) => r.writeOutageMs)),
    'acknowledged writes lost': spread(results.map((r) => r.lostWrites)),
    'settled sessions lost': spread(results.map((r) => r.settledLost)),
    'operator steps': results[0].operatorSteps,
  });
  const table = [
    row('Redis + Sentinel', 'three Sentinels, by themselves', redis),
    row(
      'PostgreSQL streaming standby',
      'an operator: pg_ctl promote, then repoint every server',
      postgres,
    ),
  ];
  console.log(
    `\n${formatTable(table, `Failover of the store, median (min–max) of ${rounds} rounds`)}`,
  );

  const figures: Record<string, Figure> = { rounds, servers };
  for (const [name, results] of [
    ['redis', redis],
    ['postgres', postgres],
  ] as const) {
    for (const figure of ['promotionMs', 'writeOutageMs', 'lostWrites', 'settledLost'] as const) {
      const values = results.map((r) => r[figure]);
      const key = `${name}${figure[0].toUpperCase()}${figure.slice(1)}`;
      figures[key] = median(values);
      figures[`${key}Min`] = Math.min(...values);
      figures[`${key}Max`] = Math.max(...values);
    }
    figures[`${name}OperatorSteps`] = results[0].operatorSteps;
    figures[`${name}AcknowledgedWrites`] = median(results.map((r) => r.acknowledgedWrites));
  }
  const file = writeResults(chapterDir('05-external-storage'), {
    experiment: 'replication',
    parameters: { ...workload, rounds, servers, sentinelDownAfterMs: 1000 },
    figures,
    tables: {
      replication: table,
      rounds: [
        ...redis.map((r, i) => ({ store: 'redis', round: i + 1, ...r })),
        ...postgres.map((r, i) => ({ store: 'postgres', round: i + 1, ...r })),
      ],
    },
  });
  console.log(`\nwrote ${file}`);
}
