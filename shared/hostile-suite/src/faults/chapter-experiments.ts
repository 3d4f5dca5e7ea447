import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, startLab, type Figure, type Lab } from '@sessions/harness';
import { loadLabDefinition } from '../world/chapter-labs';

type Measure = (lab: Lab, options: unknown) => Promise<Record<string, Figure>>;

/** One run of a chapter's experiment: the lab it needs and the options it is given. */
export interface ExperimentSetting {
  name: string;
  env?: Record<string, string>;
  /** A lab mode, made by the chapter's lab factory (e.g. externalStorageLab('redis-sentinel')). */
  variant?: string;
  factory?: string;
  servers?: number;
  options: unknown;
}

/**
 * Faults the later chapters measure with their own experiment functions: the report runs
 * those functions (imported from the chapter's build, never copied) and judges their numbers
 * against what the chapter promises.
 */
export interface ReferencedExperiment {
  chapter: string;
  /** The chapter's compiled experiment module and the function it exports. */
  module: string;
  exportName: string;
  settings: ExperimentSetting[];
  promise: string;
  /** What the chapter promises for a setting; returns what does not hold. */
  judge: (setting: string, result: Record<string, Figure>) => string[];
}

export const referencedExperiments: ReferencedExperiment[] = [
  {
    chapter: '04-clustering',
    module: 'dist/lab/experiments/crash.js',
    exportName: 'measureCrashLoss',
    settings: ['sync', 'async'].map((mode) => ({
      name: mode,
      env: { REPLICATION_MODE: mode, REPLICATION_DELAY_MS: '200' },
      options: { users: 10, thinkMs: 400, warmupMs: 1500, afterMs: 1500, victim: '2' },
    })),
    promise:
      'kill -9 under writes: synchronous replication loses no acknowledged write; asynchronous loses only writes the victim acknowledged inside the replication window',
    judge: (setting, result) => {
      const lost = Number(result.lostWrites);
      if (setting === 'sync')
        return lost === 0 ? [] : [`synchronous mode lost ${lost} acknowledged write(s)`];
      return lost === Number(result.lostOnVictim)
        ? []
        : [`asynchronous mode lost ${lost} write(s), not all of them the victim's`];
    },
  },
  {
    chapter: '05-external-storage',
    module: 'dist/lab/experiments/failover.js',
    exportName: 'measureFailover',
    settings: [
      {
        name: 'Sentinel, replica current',
        variant: 'redis-sentinel',
        factory: 'externalStorageLab',
        servers: 2,
        options: { settledUsers: 20, writers: 4, afterKillMs: 4000, replicaBehindMs: 0 },
      },
    ],
    promise:
      'kill -9 of the Redis primary: Sentinel promotes the replica, every session written before survives, writes in between are refused (503), not silently lost',
    judge: (_setting, result) => {
      const problems: string[] = [];
      if (result.settledSurvived !== result.settledSessions)
        problems.push(
          `${Number(result.settledSessions) - Number(result.settledSurvived)} settled session(s) lost`,
        );
      if (Number(result.lostWrites) !== 0)
        problems.push(`${result.lostWrites} acknowledged write(s) lost with a current replica`);
      return problems;
    },
  },
];

export interface ReferencedOutcome {
  experiment: ReferencedExperiment;
  setting: string;
  result: Record<string, Figure> | undefined;
  problems: string[];
}

/** Runs one referenced experiment in each of its settings, or says why it cannot. */
export async function runReferencedExperiment(
  experiment: ReferencedExperiment,
): Promise<ReferencedOutcome[]> {
  const unavailable = (problem: string): ReferencedOutcome[] => [
    { experiment, setting: '-', result: undefined, problems: [problem] },
  ];
  const file = path.join(chapterDir(experiment.chapter), experiment.module);
  if (!existsSync(file)) return unavailable(`${file} is not built`);
  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const measure = (loaded[experiment.exportName] ??
    (loaded.default as Record<string, unknown> | undefined)?.[experiment.exportName]) as
    Measure | undefined;
  if (typeof measure !== 'function')
    return unavailable(`${file} does not export ${experiment.exportName}`);
  const outcomes: ReferencedOutcome[] = [];
  for (const setting of experiment.settings) {
    const definition = await loadLabDefinition(
      experiment.chapter,
      setting.variant,
      setting.factory,
    );
    const lab = await startLab(definition, {
      env: setting.env,
      servers: setting.servers,
      balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
    });
    try {
      const result = await measure(lab, setting.options);
      outcomes.push({
        experiment,
        setting: setting.name,
        result,
        problems: experiment.judge(setting.name, result),
      });
    } finally {
      await lab.stop();
    }
  }
  return outcomes;
}
