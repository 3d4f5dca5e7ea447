import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  chapterDir,
  freePort,
  listChapters,
  ManagedProcess,
  progress,
  repoRoot,
  sleep,
} from '@sessions/harness';
import { spreadOf, type Spread } from '../load/spread';

export interface LabStartRow {
  lab: string;
  /** From spawning `node scripts/lab.mjs NN` to its printed block and a healthy front door. */
  readySeconds: Spread;
  /** Starts that failed, with the last reason: one broken lab does not hide the others' times. */
  failedStarts: number;
  lastError?: string;
}

export const labStartTargetSeconds = 5;

/** The same launcher `npm start -- NN` runs once scripts/start.mjs has built the chapter. */
export async function benchLabStarts(rounds: number): Promise<LabStartRow[]> {
  const chapters = listChapters().filter((name) =>
    existsSync(path.join(chapterDir(name), 'dist/lab/lab.js')),
  );
  const times = new Map<string, number[]>(chapters.map((name) => [name, []]));
  const failures = new Map<string, string[]>(chapters.map((name) => [name, []]));
  let done = 0;
  for (let round = 0; round < rounds; round++) {
    for (const chapter of chapters) {
      try {
        times.get(chapter)!.push(await timeLabStart(chapter.slice(0, 2)));
      } catch (error) {
        failures.get(chapter)!.push((error as Error).message);
      }
      progress('lab starts', ++done, rounds * chapters.length);
    }
  }
  return chapters.map((lab) => ({
    lab,
    readySeconds: spreadOf(times.get(lab)!),
    failedStarts: failures.get(lab)!.length,
    lastError: failures.get(lab)!.at(-1),
  }));
}

const readyLine = 'Ctrl-C stops everything this lab started.';

async function timeLabStart(chapter: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const launcher = new ManagedProcess({
    command: process.execPath,
    args: ['scripts/lab.mjs', chapter],
    cwd: repoRoot(),
    env: { LB_PORT: String(port) },
    label: `lab ${chapter}`,
  });
  try {
    const deadline = Date.now() + 60_000;
    let printed = false;
    launcher.child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes(readyLine)) printed = true;
    });
    while (!(printed && (await answers(`http://127.0.0.1:${port}/health`)))) {
      if (!launcher.alive)
        throw new Error(`lab ${chapter} exited before it was ready:\n${launcher.recentOutput()}`);
      if (Date.now() > deadline)
        throw new Error(`lab ${chapter} was not ready within 60 s:\n${launcher.recentOutput()}`);
      await sleep(10);
    }
    return Math.round(performance.now() - started) / 1000;
  } finally {
    // Ctrl-C, as a learner would: the launcher stops every process it started.
    launcher.signal('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 15_000)));
    await Promise.race([launcher.exited, gaveUp]);
    clearTimeout(timer);
    await launcher.stop();
  }
}

/** Any HTTP answer through the lab's front door (the balancer forwards /health to a server). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}
