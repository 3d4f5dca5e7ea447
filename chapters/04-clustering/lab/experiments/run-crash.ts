import { formatTable, writeResults, type Figure } from '@sessions/harness';
import { measureCrashLoss } from './crash';
import { chapter, withLab } from './with-lab';

const delayMs = 200;
const load = { users: 20, thinkMs: 400, warmupMs: 1500, afterMs: 2000, victim: '2' };

export async function runCrash(): Promise<void> {
  console.log(
    `\n[crash] ${load.users} users add items every ${load.thinkMs} ms through the balancer; server ${load.victim} gets kill -9 right after it acknowledges a write (replication delay ${delayMs} ms)`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = { delayMs };
  for (const mode of ['async', 'sync']) {
    const result = await withLab(
      { env: { REPLICATION_MODE: mode, REPLICATION_DELAY_MS: String(delayMs) } },
      (lab) => measureCrashLoss(lab, load),
    );
    rows.push({ mode, ...result });
    for (const [name, value] of Object.entries(result))
      figures[`${mode}${name[0].toUpperCase()}${name.slice(1)}`] = value;
  }
  console.log(`\n${formatTable(rows, 'Acknowledged writes lost when a server dies')}`);
  writeResults(chapter, {
    experiment: 'crash',
    parameters: { delayMs, ...load },
    figures,
    tables: { crash: rows },
  });
}
