import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../src';

interface LabPreparationModule {
  labSystemParts(chapter: string, options?: object, env?: NodeJS.ProcessEnv): string[];
  chapterPackage(chapter: string, root: string): string | undefined;
  withDependencies(packageName: string): string;
  startBuildTask: string;
}

const root = repoRoot();

describe('npm start -- NN prepares only what lab NN needs', () => {
  let preparation: LabPreparationModule;
  beforeAll(async () => {
    const url = pathToFileURL(path.join(root, 'scripts/lib/lab-preparation.mjs')).href;
    preparation = (await import(url)) as LabPreparationModule;
  });

  it('npm start runs the preparing launcher, and no prestart builds every package first', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.start).toBe('node scripts/start.mjs');
    expect(scripts.prestart).toBeUndefined();
  });

  it('chapter 02 asks the doctor for no system part: starting it installs no Redis or PostgreSQL', () => {
    expect(preparation.labSystemParts('02', {}, {})).toEqual([]);
  });

  it('chapter 05 asks only for the store it runs with: --store, then LAB_STORE, then Redis', () => {
    expect(preparation.labSystemParts('05', {}, {})).toEqual(['redis']);
    expect(preparation.labSystemParts('05', {}, { LAB_STORE: 'postgres' })).toEqual(['postgres']);
    expect(preparation.labSystemParts('05', { store: 'redis-sentinel' }, {})).toEqual(['redis']);
    expect(preparation.labSystemParts('05', { store: 'memory' }, {})).toEqual([]);
  });

  it('a lab on network hosts also asks for nftables, which cuts the links', () => {
    expect(preparation.labSystemParts('03', { network: 'hosts' }, {})).toEqual(['nftables']);
    expect(preparation.labSystemParts('06', {}, {})).toEqual(['nftables']);
  });

  it('a lab behind the shipped HAProxy or nginx asks for that balancer', () => {
    expect(preparation.labSystemParts('03', { balancer: 'haproxy' }, {})).toEqual(['haproxy']);
    expect(preparation.labSystemParts('02', { balancer: 'nginx' }, {})).toEqual(['nginx']);
    expect(preparation.labSystemParts('02', { balancer: 'course' }, {})).toEqual([]);
  });

  /** The tasks turbo would run to build `chapter` for npm start: package and command. */
  function startBuild(chapter: string): Array<{ package: string; command: string }> {
    const packageName = preparation.chapterPackage(chapter, root)!;
    const dryRun = spawnSync(
      path.join(root, 'node_modules/.bin/turbo'),
      ['run', preparation.startBuildTask, preparation.withDependencies(packageName), '--dry=json'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
    );
    expect(dryRun.status).toBe(0);
    return (JSON.parse(dryRun.stdout) as { tasks: Array<{ package: string; command: string }> })
      .tasks;
  }

  it('the build covers the chapter and what it depends on, not the slides, bench or suites', () => {
    expect(preparation.chapterPackage('02', root)).toBe('@sessions/chapter-02-inconsistency');
    expect(
      startBuild('02')
        .map((task) => task.package)
        .sort(),
    ).toEqual([
      '@sessions/chapter-02-inconsistency',
      '@sessions/course-app',
      '@sessions/harness',
      '@sessions/load-balancer',
    ]);
  });

  it.each(['01', '02', '03', '04', '05', '06'])(
    'every package chapter %s needs has a quick build for npm start (turbo would skip one without)',
    (chapter) => {
      for (const task of startBuild(chapter))
        expect({ package: task.package, command: task.command }).toEqual({
          package: task.package,
          command: expect.stringContaining('scripts/transpile.mjs'),
        });
    },
  );

  it('an unknown chapter names no package, so the launcher refuses it with the list', () => {
    expect(preparation.chapterPackage('99', root)).toBeUndefined();
    expect(preparation.chapterPackage('x', root)).toBeUndefined();
  });
});
