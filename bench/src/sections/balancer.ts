import type { ChapterServer } from '@sessions/harness';
import { startBackends } from '../contenders/backends';
import type { Contender } from '../contenders/contender';
import { startCourseBalancer } from '../contenders/course-balancer';
import { startHaproxy, startNginx } from '../contenders/real-balancers';
import { withStickyClients } from '../contenders/sticky-clients';
import { startReferenceProxy } from '../contenders/reference-proxy';
import { alternateRounds, type RoundResult, type RoundsOptions } from '../load/rounds';
import { loadRows, type LoadRow } from '../load/load-rows';
import { round2, spreadOf, type Spread } from '../load/spread';

export interface BalancerResults {
  options: RoundsOptions;
  rows: LoadRow[];
  /** Course round-robin against HAProxy: median of the per-round ratios, with their spread. */
  throughputRatio: Spread;
  /** Course round-robin p99 minus HAProxy's p99 (ms), per round. */
  p99DifferenceMs: Spread;
  /** Every row again, keyed by a slug of its name ("course-round-robin", "haproxy"), for lessons' result markers. */
  byContender: Record<string, LoadRow>;
  targets: { throughputRatio: number; p99DifferenceMs: number; cpuMicrosPerRequest: number };
}

export const balancerTargets = {
  throughputRatio: 0.85,
  p99DifferenceMs: 2,
  cpuMicrosPerRequest: 170,
};

/** "reference · undici 7 Pool" → "reference-undici-7-pool". */
export const contenderSlug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Throughput and latency of the same three backends, directly and through each balancer. */
export async function benchBalancers(options: RoundsOptions): Promise<BalancerResults> {
  const backends = await startBackends(3);
  const contenders: Contender[] = [];
  try {
    const pool = backends.map(({ id, url }) => ({ id, url }));
    contenders.push(directly(backends));
    contenders.push(await startCourseBalancer({ strategy: 'round-robin', backends: pool }));
    const ids = pool.map((backend) => backend.id);
    for (const [strategy, mode] of [
      ['sticky-app-cookie', 'app'],
      ['sticky-insert-cookie', 'insert'],
    ] as const) {
      const balancer = await startCourseBalancer({ strategy, backends: pool });
      // Listed before its cookies are fetched, so a failure there still stops its process.
      contenders.push(balancer);
      contenders[contenders.indexOf(balancer)] = await withStickyClients(balancer, mode, ids);
    }
    contenders.push(await startReferenceProxy('bare-http-proxy-3', pool));
    contenders.push(await startReferenceProxy('node-http-proxy', pool));
    contenders.push(await startReferenceProxy('undici-proxy', pool));
    contenders.push(await startHaproxy(pool));
    contenders.push(await startNginx(pool));
    const results = await alternateRounds(contenders, options, 'balancers');
    return summarize(results, options);
  } finally {
    await Promise.all(contenders.map((contender) => contender.stop()));
    await Promise.all(backends.map((backend) => backend.stop()));
  }
}

/** No balancer: autocannon spreads its connections over the three servers itself. */
function directly(backends: readonly ChapterServer[]): Contender {
  return { name: 'direct (no balancer)', url: backends.map((b) => b.url), stop: async () => {} };
}

function summarize(results: Map<string, RoundResult[]>, options: RoundsOptions): BalancerResults {
  const rows = loadRows(results);
  const course = results.get('course · round-robin') ?? [];
  const haproxy = results.get('HAProxy') ?? [];
  return {
    options,
    rows,
    throughputRatio: spreadOf(
      course.map((run, i) => round2(run.requestsPerSecond / haproxy[i].requestsPerSecond)),
    ),
    p99DifferenceMs: spreadOf(course.map((run, i) => round2(run.p99Ms - haproxy[i].p99Ms))),
    byContender: Object.fromEntries(rows.map((row) => [contenderSlug(row.contender), row])),
    targets: balancerTargets,
  };
}
