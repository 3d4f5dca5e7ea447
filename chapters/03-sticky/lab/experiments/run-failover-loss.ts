import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  barChartSvg,
  chapterDir,
  formatTable,
  startLab,
  waitFor,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { labFor } from '../lab';
import type { StickyMode } from '../../src/sticky/sticky-mode';
import { measureFailoverLoss, type FailoverMoment } from './failover-loss';

// npm run experiment:failover -w chapters/03-sticky
const users = 30;
const victim = '2';
const seed = 11;
const modes: StickyMode[] = ['app', 'insert'];
const moments: FailoverMoment[] = ['right-after-crash', 'after-health-checks'];
const percent = (share: number) => Math.round(share * 1000) / 10;

async function main() {
  console.log(
    `Chapter 03 experiment A: ${users} users log in and fill a cart behind a sticky balancer and 3 servers; server ${victim} gets kill -9; every user asks /me again.`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = {};
  for (const mode of modes) {
    const lab = await startLab(labFor(mode), {
      balancer: { healthCheck: { intervalMs: 500, fall: 3, rise: 2, timeoutMs: 400 } },
    });
    try {
      for (const moment of moments) {
        console.log(`\n${mode} mode, users come back ${moment.replaceAll('-', ' ')}`);
        const result = await measureFailoverLoss(lab, {
          users,
          victim,
          moment,
          seed,
          showProgress: true,
        });
        rows.push({
          mode,
          moment,
          users: result.users,
          'pinned to the dead server': result.pinnedToVictim,
          'lost the session': result.lost,
          'lost (%)': percent(result.lostShare),
          'expected (%)': percent(result.expectedShare),
          'only the pinned lost it': result.lostExactlyThePinned ? 'yes' : 'no',
        });
        const key = `${mode}${moment === 'right-after-crash' ? 'AfterCrash' : 'AfterChecks'}`;
        figures[`${key}LostPercent`] = percent(result.lostShare);
        figures[`${key}ExpectedPercent`] = percent(result.expectedShare);
        figures[`${key}Lost`] = result.lost;
        figures[`${key}Pinned`] = result.pinnedToVictim;
        figures[`${key}KeptBeforeCrash`] = result.keptBeforeCrash;
        await lab.server(victim).restart();
        await waitFor(
          () => lab.balancer!.pool.get(victim)?.health === 'up',
          'the victim to rejoin',
        );
      }
    } finally {
      await lab.stop();
    }
  }
  console.log(`\n${formatTable(rows, 'Sessions lost when one of three sticky servers dies')}\n`);

  const dir = chapterDir('03-sticky');
  const file = writeResults(dir, {
    experiment: 'failover-loss',
    parameters: { users, servers: 3, victim, seed },
    figures: { users, ...figures },
    tables: { runs: rows },
  });
  const chart = path.join(dir, 'results/failover-loss.svg');
  writeFileSync(
    chart,
    barChartSvg(
      `Server ${victim} died: share pinned to it, share that lost (%)`,
      modes.flatMap((mode) => [
        {
          group: mode,
          label: `pinned to ${victim}`,
          value: Number(figures[`${mode}AfterCrashExpectedPercent`]),
        },
        {
          group: mode,
          label: 'lost (at once)',
          value: Number(figures[`${mode}AfterCrashLostPercent`]),
        },
        {
          group: mode,
          label: 'lost (checks)',
          value: Number(figures[`${mode}AfterChecksLostPercent`]),
        },
      ]),
      ' %',
    ),
  );
  console.log(`wrote ${file}\nwrote ${chart}`);
}

void main();
