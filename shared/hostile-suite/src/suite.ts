/** The chapters whose servers the suite attacks directly (each must be built). */
export const appChapters = ['01-session-basics', '02-inconsistency', '03-sticky', '04-clustering'];

/** The chapter whose lab stands behind the balancer in the balancer cases. */
export const balancerChapter = '02-inconsistency';

/** The chapters (and modes) whose labs go through the faults. */
export const faultChapters: Array<{ name: string; chapter: string; variant?: string }> = [
  { name: 'chapter 02 (round-robin, memory sessions)', chapter: '02-inconsistency' },
  { name: 'chapter 03 (sticky by the app cookie)', chapter: '03-sticky', variant: 'app' },
];
