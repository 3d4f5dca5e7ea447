import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBench } from '../src/bench';
import type { BenchResults, SectionName } from '../src/bench-results';

// The short run: one round of one second against every contender. It proves the benchmark
// runs end to end and that its report has every table; it never judges a time.
describe('npm run bench -- --short', () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'sessions-bench-test-'));
  let results: BenchResults;
  let markdown: string;

  beforeAll(async () => {
    results = await runBench({ short: true, outDir });
    markdown = readFileSync(path.join(outDir, 'results.md'), 'utf8');
  }, 300_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  /** A part's figures; a part that failed fails the test with its own error message. */
  function figuresOf<Name extends SectionName>(name: Name) {
    const section = results[name];
    if (!section?.data)
      throw new Error(
        `the ${name} part produced no figures: ${section?.error ?? 'it did not run'}`,
      );
    return section.data as NonNullable<NonNullable<BenchResults[Name]>['data']>;
  }

  it('names the machine and the date the numbers come from', () => {
    expect(markdown).toContain(`Node ${process.version}`);
    expect(markdown).toContain(`${os.cpus().length} cores`);
    expect(markdown).toContain(`_Measured ${results.balancer!.measuredAt.slice(0, 10)}`);
  });

  it('measures the backends directly and through the course balancer, HAProxy and nginx', () => {
    const contenders = figuresOf('balancer').rows.map((row) => row.contender);
    expect(contenders).toEqual([
      'direct (no balancer)',
      'course · round-robin',
      'course · sticky-app-cookie',
      'course · sticky-insert-cookie',
      'reference · bare http-proxy-3',
      'reference · plain node:http proxy',
      'reference · undici 7 Pool',
      'HAProxy',
      'nginx',
    ]);
    for (const contender of contenders) expect(markdown).toContain(`| ${contender} |`);
    // Lessons quote rows by these keys (bench.balancer.data.byContender.<key>...).
    expect(Object.keys(figuresOf('balancer').byContender)).toEqual(
      expect.arrayContaining(['course-round-robin', 'haproxy', 'reference-undici-7-pool']),
    );
  });

  it('gets a finite throughput and latency for every contender, and the course balancer answers every request', () => {
    for (const row of figuresOf('balancer').rows) {
      for (const spread of [row.requestsPerSecond, row.p50Ms, row.p99Ms])
        for (const value of Object.values(spread))
          expect({ contender: row.contender, value, finite: Number.isFinite(value) }).toEqual({
            contender: row.contender,
            value,
            finite: true,
          });
      // HAProxy's and nginx's rare failed requests are data for the report, not the course's to assert.
      if (row.contender.startsWith('course'))
        expect({ contender: row.contender, failures: row.failures }).toEqual({
          contender: row.contender,
          failures: 0,
        });
    }
    expect(Number.isFinite(figuresOf('balancer').throughputRatio.median)).toBe(true);
    expect(Number.isFinite(figuresOf('balancer').p99DifferenceMs.median)).toBe(true);
    expect(markdown).toMatch(/\| throughput ratio \(per round\) \| [\d.]+ \(/);
  });

  it('profiles the course balancer and names who owns its CPU samples', () => {
    const { owners, hotSpots } = figuresOf('balancerProfile');
    expect(owners.length).toBeGreaterThan(0);
    expect(hotSpots.length).toBeGreaterThan(0);
    expect(markdown).toContain('## 1b. Where the course balancer spends its CPU');
  });

  it('measures chapter 04 replication lag and the join of a fourth server', () => {
    const { lagP50Ms, lagP99Ms, joinMs } = figuresOf('replication');
    for (const spread of [lagP50Ms, lagP99Ms, joinMs])
      expect(Number.isFinite(spread.median)).toBe(true);
    expect(lagP99Ms.median).toBeGreaterThanOrEqual(lagP50Ms.median);
    expect(markdown).toMatch(/\| replication lag p99, ms \| [\d.]+ \(/);
    expect(markdown).toMatch(/\| join time of a fourth server, ms \| [\d,]+ \(/);
  });

  it('measures GET /me with a session in the memory, replicated, Redis and PostgreSQL stores', () => {
    const rows = figuresOf('stores').rows;
    expect(rows.map((row) => row.contender)).toEqual([
      'memory (chapter 05, SESSION_STORE=memory)',
      'replicated (chapter 04, 3 servers)',
      'Redis (chapter 05)',
      'PostgreSQL (chapter 05)',
    ]);
    for (const row of rows) {
      expect({ store: row.contender, finite: Number.isFinite(row.p50Ms.median) }).toEqual({
        store: row.contender,
        finite: true,
      });
      expect({ store: row.contender, failures: row.failures }).toEqual({
        store: row.contender,
        failures: 0,
      });
      expect(markdown).toContain(`| ${row.contender} |`);
    }
  });

  it('measures a Sentinel failover after kill -9 of the Redis primary', () => {
    const { promotedMs, appRecoveredMs, rounds } = figuresOf('failover');
    expect(rounds).toBe(1);
    expect(Number.isFinite(promotedMs.median)).toBe(true);
    expect(Number.isFinite(appRecoveredMs.median)).toBe(true);
    expect(markdown).toMatch(/\| crash until the Sentinels promote the replica, ms \| [\d,]+ \(/);
  });

  it('times every built lab from launch to ready, and leaves npm test untimed in a short run', () => {
    const labStarts = figuresOf('labStarts');
    expect(labStarts.map((row) => row.lab)).toContain('02-inconsistency');
    for (const row of labStarts) {
      expect({ lab: row.lab, failedStarts: row.failedStarts, error: row.lastError }).toEqual({
        lab: row.lab,
        failedStarts: 0,
        error: undefined,
      });
      expect(Number.isFinite(row.readySeconds.median)).toBe(true);
      expect(markdown).toContain(`| ${row.lab} |`);
    }
    expect(results.npmTest).toBeUndefined();
    expect(markdown).toMatch(/## 4\. The course itself: `npm test`\n\nNot measured yet\./);
  });

  it('draws the throughput chart as a self-contained SVG', () => {
    const svg = readFileSync(path.join(outDir, 'results.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const row of figuresOf('balancer').rows) expect(svg).toContain(row.contender);
  });
});
