import { chapterNames, loadChapterLab, type ChapterName } from '@sessions/labs';

/** Chapters whose lab has a balancer in front, and therefore a dashboard. */
export async function chaptersWithDashboard(): Promise<ChapterName[]> {
  const found: ChapterName[] = [];
  for (const name of chapterNames)
    if ((await loadChapterLab(name)).strategy !== false) found.push(name);
  return found;
}
