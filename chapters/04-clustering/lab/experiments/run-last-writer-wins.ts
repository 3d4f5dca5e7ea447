import {
  figuresOverRounds,
  formatSpreadOf,
  formatTable,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { measureConcurrentWrites, type ConcurrentWritesResult } from './last-writer-wins';
import { chapter, percent, rounds as runs, withLab } from './with-lab';

/** Pairs of concurrent writes per run; the experiment repeats the run `runs` times. */
const rounds = 20;
const settings = [
  { label: 'async, no delay', mode: 'async', delayMs: 0 },
  { label: 'async, 100 ms delay', mode: 'async', delayMs: 100 },
  { label: 'sync, no delay', mode: 'sync', delayMs: 0 },
];

export async function runLastWriterWins(): Promise<void> {
  console.log(
    `\n[last-writer-wins] ${runs} runs of ${rounds} rounds of "apple" to server 1 and "banana" to server 2 at the same moment`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const byRun: Array<Record<string, Figure>> = Array.from({ length: runs }, () => ({}));
  let example = '';
  for (const setting of settings) {
    const results = await withLab(
      { env: { REPLICATION_MODE: setting.mode, REPLICATION_DELAY_MS: String(setting.delayMs) } },
      async (lab) => {
        const measured: ConcurrentWritesResult[] = [];
        for (let run = 0; run < runs; run++)
          measured.push(await measureConcurrentWrites(lab, rounds));
        return measured;
      },
    );
    example ||= Object.entries(results[0].example.finalCartPerServer)
      .map(([server, cart]) => `server ${server}: ${JSON.stringify(cart)}`)
      .join(', ');
    const key = `${setting.mode}${setting.delayMs}ms`;
    results.forEach((result, run) => {
      byRun[run][`${key}LostPercent`] = percent(result.roundsWithLostItem / rounds);
      byRun[run][`${key}ConvergedRounds`] = result.roundsConverged;
    });
    rows.push({
      setting: setting.label,
      rounds,
      lostPercent: formatSpreadOf(
        results.map((result) => percent(result.roundsWithLostItem / rounds)),
        1,
      ),
      roundsConverged: formatSpreadOf(results.map((result) => result.roundsConverged)),
    });
  }
  console.log(
    `\n${formatTable(rows, 'Two concurrent writes to one session (median, min–max of the runs)')}`,
  );
  console.log(`example (both requests answered 200): ${example}`);
  writeResults(chapter, {
    experiment: 'last-writer-wins',
    parameters: { runs, rounds },
    figures: { runs, ...figuresOverRounds(byRun), exampleFinalCarts: example },
    tables: { rounds: rows },
  });
}
