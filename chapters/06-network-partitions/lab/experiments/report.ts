import { chapterDir, formatTable, writeResults, type Figure } from '@sessions/harness';

/** What an experiment writes to results/<experiment>.json (the date and machine are added). */
type Results = Parameters<typeof writeResults>[1];

/**
 * The end of every chapter 06 experiment: its table on the console (the title says what the
 * cells hold), and its results file, where the lessons' result markers read the figures.
 */
export function report(title: string, rows: Array<Record<string, Figure>>, results: Results): void {
  console.log(`\n${formatTable(rows, title)}`);
  writeResults(chapterDir('06-network-partitions'), results);
}
