import { startLab, type Figure, type Lab } from '@sessions/harness';
import { loadChapterLab, type ChapterName } from '@sessions/labs';

/** One run of a chapter's experiment: the lab it needs and the options it is given. */
export interface ExperimentSetting<Options> {
  name: string;
  env?: Record<string, string>;
  /** A mode of the chapter's lab (e.g. chapter 05's 'redis-sentinel'). */
  variant?: string;
  servers?: number;
  options: Options;
}

/**
 * Faults the later chapters measure with their own experiment functions: the report runs
 * those functions (imported from the chapter's lab package, never copied) and judges their
 * numbers against what the chapter promises.
 */
export interface ReferencedExperiment<Options = unknown> {
  chapter: ChapterName;
  /** The chapter's experiment function by its name, for the report. */
  exportName: string;
  /** Imports that function when the report runs it (the compiler checks it and its options). */
  load: () => Promise<(lab: Lab, options: Options) => Promise<object>>;
  settings: ExperimentSetting<Options>[];
  promise: string;
  /** What the chapter promises for a setting; returns what does not hold. */
  judge: (setting: string, result: Record<string, Figure>) => string[];
}

/** Checks an experiment's options against its function, then lists it with the others. */
function referenced<Options>(experiment: ReferencedExperiment<Options>): ReferencedExperiment {
  return experiment as ReferencedExperiment;
}

export const referencedExperiments: ReferencedExperiment[] = [
  referenced({
    chapter: '04-clustering',
    exportName: 'measureCrashLoss',
    load: async () =>
      (await import('@sessions/chapter-04-clustering/experiments/crash')).measureCrashLoss,
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
  }),
  referenced({
    chapter: '05-external-storage',
    exportName: 'measureFailover',
    load: async () =>
      (await import('@sessions/chapter-05-external-storage/experiments/failover')).measureFailover,
    settings: [
      {
        name: 'Sentinel, replica current',
        variant: 'redis-sentinel',
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
  }),
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
  let measure: Awaited<ReturnType<ReferencedExperiment['load']>>;
  try {
    measure = await experiment.load();
  } catch (error) {
    return unavailable(
      `chapter ${experiment.chapter}'s lab is not built: ${(error as Error).message}`,
    );
  }
  const outcomes: ReferencedOutcome[] = [];
  for (const setting of experiment.settings) {
    const definition = await loadChapterLab(experiment.chapter, setting.variant);
    const lab = await startLab(definition, {
      env: setting.env,
      servers: setting.servers,
      balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
    });
    try {
      const result = (await measure(lab, setting.options)) as Record<string, Figure>;
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
