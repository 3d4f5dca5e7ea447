import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, startLab, type Figure, type Lab } from '@sessions/harness';
import { loadLabDefinition } from '../world/chapter-labs';

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
  /** One run per setting, e.g. replication mode. */
  settings: Array<{ name: string; env: Record<string, string> }>;
  run: (
    measure: (lab: Lab, options: unknown) => Promise<Record<string, Figure>>,
    lab: Lab,
  ) => Promise<Record<string, Figure>>;
  /** What the chapter promises for a setting; returns what does not hold. */
  judge: (setting: string, result: Record<string, Figure>) => string[];
  promise: string;
}

export const referencedExperiments: ReferencedExperiment[] = [
  {
    chapter: '04-clustering',
    module: 'dist/experiments/crash.js',
    exportName: 'measureCrashLoss',
    settings: [
      { name: 'sync', env: { REPLICATION_MODE: 'sync', REPLICATION_DELAY_MS: '200' } },
      { name: 'async', env: { REPLICATION_MODE: 'async', REPLICATION_DELAY_MS: '200' } },
    ],
    run: (measure, lab) =>
      measure(lab, { users: 10, thinkMs: 400, warmupMs: 1500, afterMs: 1500, victim: '2' }),
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
  const file = path.join(chapterDir(experiment.chapter), experiment.module);
  if (!existsSync(file))
    return [{ experiment, setting: '-', result: undefined, problems: [`${file} is not built`] }];
  const loaded = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const exported = (loaded[experiment.exportName] ??
    (loaded.default as Record<string, unknown> | undefined)?.[experiment.exportName]) as
    ((lab: Lab, options: unknown) => Promise<Record<string, Figure>>) | undefined;
  if (typeof exported !== 'function')
    return [
      {
        experiment,
        setting: '-',
        result: undefined,
        problems: [`${file} does not export ${experiment.exportName}`],
      },
    ];
  const outcomes: ReferencedOutcome[] = [];
  for (const setting of experiment.settings) {
    const lab = await startLab(await loadLabDefinition(experiment.chapter), {
      env: setting.env,
      balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
    });
    try {
      const result = await experiment.run(exported, lab);
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
