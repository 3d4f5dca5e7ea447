import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describeMachine } from './machine';

export type Figure = number | string | boolean;

export interface ExperimentResults {
  experiment: string;
  date: string;
  machine: ReturnType<typeof describeMachine>;
  /** What the experiment was run with: users, requests, delays... */
  parameters: Record<string, Figure>;
  /** The numbers lessons and slides quote, by name. */
  figures: Record<string, Figure>;
  /** Whole tables, for the lesson and the slides. */
  tables?: Record<string, Array<Record<string, Figure>>>;
}

export function resultsPath(chapterDir: string, experiment: string): string {
  return path.join(chapterDir, 'results', `${experiment}.json`);
}

/** Writes chapters/NN-.../results/<experiment>.json, with the machine and the date. */
export function writeResults(
  chapterDir: string,
  results: Omit<ExperimentResults, 'date' | 'machine'>,
): string {
  const file = resultsPath(chapterDir, results.experiment);
  mkdirSync(path.dirname(file), { recursive: true });
  const full: ExperimentResults = {
    experiment: results.experiment,
    date: new Date().toISOString(),
    machine: describeMachine(),
    parameters: results.parameters,
    figures: results.figures,
    tables: results.tables,
  };
  writeFileSync(file, `${JSON.stringify(full, null, 2)}\n`);
  return file;
}

export function readResults(chapterDir: string, experiment: string): ExperimentResults {
  return JSON.parse(readFileSync(resultsPath(chapterDir, experiment), 'utf8')) as ExperimentResults;
}
