import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chapterDir, inFreshLab, type Lab, type StartLabOptions } from '@sessions/harness';
import { lab as definition } from '../lab';

export const chapter = chapterDir('04-clustering');

/** Every experiment runs this many rounds: lessons quote the median and the lowest and highest round. */
export const rounds = 3;

/** Starts the chapter's lab with some settings, runs `use`, and always stops it. */
export async function withLab<T>(
  options: StartLabOptions,
  use: (lab: Lab) => Promise<T>,
): Promise<T> {
  return inFreshLab(definition, use, {
    balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
    ...options,
  });
}

export function writeSvg(name: string, svg: string): string {
  const file = path.join(chapter, 'results', `${name}.svg`);
  writeFileSync(file, svg);
  return file;
}

export const percent = (share: number) => Math.round(share * 1000) / 10;
