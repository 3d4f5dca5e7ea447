import type { ChapterLabModule, LabDefinition } from '@sessions/harness';

/** The course's chapters, as their folders under chapters/ are named. */
export type ChapterName =
  | '01-session-basics'
  | '02-inconsistency'
  | '03-sticky'
  | '04-clustering'
  | '05-external-storage'
  | '06-network-partitions';

/**
 * Every chapter's lab, imported by its package name when asked for: `npm start -- 02` loads
 * chapter 02's lab only. The compiler checks each import against the shape every lab module
 * keeps (ChapterLabModule).
 */
export const chapterLabs: Readonly<Record<ChapterName, () => Promise<ChapterLabModule>>> = {
  '01-session-basics': () => import('@sessions/chapter-01-session-basics/lab'),
  '02-inconsistency': () => import('@sessions/chapter-02-inconsistency/lab'),
  '03-sticky': () => import('@sessions/chapter-03-sticky/lab'),
  '04-clustering': () => import('@sessions/chapter-04-clustering/lab'),
  '05-external-storage': () => import('@sessions/chapter-05-external-storage/lab'),
  '06-network-partitions': () => import('@sessions/chapter-06-network-partitions/lab'),
};

export const chapterNames = Object.keys(chapterLabs) as ChapterName[];

/** Thrown for a chapter the course does not have, or a lab mode the chapter does not have. */
export class UnknownLabError extends Error {}

/** A chapter by its full name (`03-sticky`) or its number (`03`, `3`). */
export function chapterNamed(nameOrNumber: string | number): ChapterName {
  const asked = String(nameOrNumber);
  const number = /^\d+$/.test(asked) ? asked.padStart(2, '0') : undefined;
  const found = chapterNames.find((name) =>
    number ? name.startsWith(`${number}-`) : name === asked,
  );
  if (!found)
    throw new UnknownLabError(`no chapter ${asked}; the chapters are ${chapterNames.join(', ')}`);
  return found;
}

/**
 * A chapter's lab: the one `npm start -- NN` starts, or one of its modes (chapter 03's
 * `insert`, chapter 05's `redis-sentinel`, …).
 */
export async function loadChapterLab(chapter: ChapterName, mode?: string): Promise<LabDefinition> {
  const module: ChapterLabModule = await chapterLabs[chapter]();
  if (mode === undefined) return module.lab;
  const make = module.labModes?.[mode];
  if (!make) {
    const known = Object.keys(module.labModes ?? {});
    throw new UnknownLabError(
      known.length > 0
        ? `chapter ${chapter} has no mode ${mode}; its modes are ${known.join(', ')}`
        : `chapter ${chapter} has no modes`,
    );
  }
  return make();
}
