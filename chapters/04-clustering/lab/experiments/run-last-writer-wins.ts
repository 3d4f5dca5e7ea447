import { formatTable, writeResults, type Figure } from '@sessions/harness';
import { measureConcurrentWrites } from './last-writer-wins';
import { chapter, percent, withLab } from './with-lab';

const rounds = 20;
const settings = [
  { label: 'async, no delay', mode: 'async', delayMs: 0 },
  { label: 'async, 100 ms delay', mode: 'async', delayMs: 100 },
  { label: 'sync, no delay', mode: 'sync', delayMs: 0 },
];

export async function runLastWriterWins(): Promise<void> {
  console.log(
    `\n[last-writer-wins] ${rounds} rounds of "apple" to server 1 and "banana" to server 2 at the same moment`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = {};
  let example = '';
  for (const setting of settings) {
    const result = await withLab(
      { env: { REPLICATION_MODE: setting.mode, REPLICATION_DELAY_MS: String(setting.delayMs) } },
      (lab) => measureConcurrentWrites(lab, rounds),
    );
    rows.push({
      setting: setting.label,
      rounds,
      roundsWithLostItem: result.roundsWithLostItem,
      lostPercent: percent(result.roundsWithLostItem / rounds),
      roundsConverged: result.roundsConverged,
    });
    const key = `${setting.mode}${setting.delayMs}ms`;
    figures[`${key}LostPercent`] = percent(result.roundsWithLostItem / rounds);
    figures[`${key}ConvergedRounds`] = result.roundsConverged;
    example ||= Object.entries(result.example.finalCartPerServer)
      .map(([server, cart]) => `server ${server}: ${JSON.stringify(cart)}`)
      .join(', ');
  }
  figures.exampleFinalCarts = example;
  console.log(`\n${formatTable(rows, 'Two concurrent writes to one session')}`);
  console.log(`example (both requests answered 200): ${example}`);
  writeResults(chapter, {
    experiment: 'last-writer-wins',
    parameters: { rounds },
    figures,
    tables: { rounds: rows },
  });
}
