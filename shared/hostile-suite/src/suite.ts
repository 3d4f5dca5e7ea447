import type { ChapterName } from '@sessions/labs';

/** The chapters whose servers the suite attacks directly (each must be built). */
export const appChapters: ChapterName[] = [
  '01-session-basics',
  '02-inconsistency',
  '03-sticky',
  '04-clustering',
  '05-external-storage',
];

/** The chapter whose lab stands behind the balancer in the balancer cases. */
export const balancerChapter: ChapterName = '02-inconsistency';

/**
 * The chapters (and modes) whose labs go through the faults. The report runs every fault on
 * every chapter; `npm test` runs all four on chapter 02 and, to stay within its time budget,
 * only the ones that tell the later chapters apart: the crash (03, 04, 05) and the store (05).
 */
export const faultChapters: Array<{
  name: string;
  chapter: ChapterName;
  /** A mode of the chapter's lab (chapter 03's `insert`). */
  variant?: string;
  testedKinds?: readonly string[];
  /** Only in the report: the same mechanism as a tested lab, another configuration. */
  reportOnly?: boolean;
}> = [
  { name: 'chapter 02 (round-robin, memory sessions)', chapter: '02-inconsistency' },
  {
    name: 'chapter 03 (sticky by the app cookie)',
    chapter: '03-sticky',
    variant: 'app',
    testedKinds: ['crash (kill -9)'],
  },
  {
    name: 'chapter 03 (sticky by a cookie the balancer inserts)',
    chapter: '03-sticky',
    variant: 'insert',
    reportOnly: true,
  },
  {
    name: 'chapter 04 (every session replicated)',
    chapter: '04-clustering',
    testedKinds: ['crash (kill -9)'],
  },
  {
    name: 'chapter 05 (sessions in Redis)',
    chapter: '05-external-storage',
    testedKinds: ['crash (kill -9)', 'session store unreachable'],
  },
];
