import { formatSpread, spreadOf, startLab, type Figure } from '@sessions/harness';
import {
  healthCheck,
  measureSlowLink,
  stickyOnHosts,
  type SlowLinkOptions,
  type SlowLinkResult,
} from '../slow-link';
import { report } from './report';

const rounds = 3;
const users = 8;
const durationMs = 8_000;
const userTimeoutMs = 2_000;
// Loss, and one delay longer than a health check's timeout but shorter than the users' patience.
const links: Array<{ name: string; label: string; link: SlowLinkOptions['link'] }> = [
  ...[10, 30, 100].map((lossPercent) => ({
    name: `loss${lossPercent}`,
    label: `${lossPercent} % loss`,
    link: { lossPercent },
  })),
  { name: 'delay600', label: '+600 ms', link: { delayMs: 600 } },
];

type Measure = (result: SlowLinkResult) => number | undefined;
const measures: Record<string, Measure> = {
  usersOnS1: (r) => r.usersOnS1,
  markedDown: (r) => r.markedDown,
  markedUp: (r) => r.markedUp,
  firstDownMs: (r) => r.firstDownMs,
  requests: (r) => r.requests.total,
  failed: (r) => r.requests.failed,
  slow: (r) => r.requests.slow,
  usersRerouted: (r) => r.usersRerouted,
  sessionsLost: (r) => r.sessionsLost,
  sessionsLostOnS2: (r) => r.sessionsLostOnS2,
};

export async function runSlowLink(): Promise<void> {
  console.log(
    `\n[slow-link] ${rounds} rounds per link (${links.map((l) => l.label).join(', ')}) between the balancer and s1, ${users} sticky users for ${durationMs} ms`,
  );
  const figures: Record<string, Figure> = {
    rounds,
    users,
    durationMs,
    userTimeoutMs,
    intervalMs: healthCheck.intervalMs,
    fall: healthCheck.fall,
    rise: healthCheck.rise,
    checkTimeoutMs: healthCheck.timeoutMs,
  };
  const rows: Array<Record<string, Figure>> = [];
  for (const { name: linkName, label, link } of links) {
    const results: SlowLinkResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const lab = await startLab(stickyOnHosts, {
        serverReadyTimeoutMs: 60_000,
        balancer: { healthCheck },
      });
      try {
        results.push(await measureSlowLink(lab, { link, durationMs, users, userTimeoutMs }));
      } finally {
        await lab.stop();
      }
    }
    const row: Record<string, Figure> = { link: label };
    if ('delayMs' in link) figures[`${linkName}.delayMs`] = link.delayMs;
    for (const [name, measure] of Object.entries(measures)) {
      const values = results.map(measure).filter((value): value is number => value !== undefined);
      const key = `${linkName}.${name}`;
      if (values.length === 0) {
        figures[key] = 'never';
        row[name] = 'never';
        continue;
      }
      const spread = spreadOf(values);
      figures[key] = Math.round(spread.median);
      figures[`${key}Range`] = `${Math.round(spread.min)}–${Math.round(spread.max)}`;
      // Rounds in which it never happened, for the times.
      if (values.length < results.length) figures[`${key}Never`] = results.length - values.length;
      row[name] = formatSpread(spread, 0);
    }
    rows.push(row);
  }
  report('Sticky sessions and a bad link: per round, median (min–max)', rows, {
    experiment: 'slow-link',
    parameters: {
      rounds,
      users,
      durationMs,
      links: links.map((l) => l.label).join(', '),
      healthCheck: `every ${healthCheck.intervalMs} ms, fall ${healthCheck.fall}, rise ${healthCheck.rise}, timeout ${healthCheck.timeoutMs} ms`,
    },
    figures,
    tables: { links: rows },
  });
}
