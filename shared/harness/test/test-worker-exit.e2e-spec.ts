import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  busyMachineSlackMs,
  cleanStaleRuns,
  isSameProcess,
  outputOf,
  repoRoot,
  waitFor,
} from '../src';
import type { LeftBehind } from './fixtures/forgetful-tests/leave-things-behind';

/**
 * A test file that forgets its afterAll (or fails before it) must not leave a process or a
 * folder of store passwords on the machine: the jest process that ran it ends them when it
 * exits. Jest gives each test file its own `process` object whose 'exit' never fires, so the
 * harness listens on the real one; these tests run real jest on two forgetful test files.
 */

const fixtures = path.join(repoRoot(), 'shared/harness/test/fixtures/forgetful-tests');
// The fixtures' runs are recorded under a temp folder of their own, so no other run's stale-run
// cleanup on this machine removes what they left before these tests look.
const ownTmp = mkdtempSync(path.join(os.tmpdir(), 'sessions-worker-exit-'));
afterAll(() => {
  cleanStaleRuns(ownTmp); // what a broken exit cleanup left: ended here, not on the machine
  spawnSync('rm', ['-rf', ownTmp]);
});

/** Runs jest on the fixtures; resolves with its pid and what each test file left. */
async function runForgetfulTests(
  jestArgs: string[],
): Promise<{ jestPid: number; left: LeftBehind[] }> {
  const reportDir = mkdtempSync(path.join(ownTmp, 'report-'));
  const jest = spawn(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      path.join(repoRoot(), 'node_modules/jest/bin/jest.js'),
      '--config',
      path.join(fixtures, 'jest.config.mjs'),
      '--ci',
      ...jestArgs,
    ],
    {
      cwd: fixtures,
      env: { ...process.env, TMPDIR: ownTmp, FORGETFUL_REPORT_DIR: reportDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = outputOf(jest);
  const status = await new Promise<number | null>((resolve) => jest.once('close', resolve));
  if (status !== 0) throw new Error(`jest on the fixtures failed (${status}):\n${output()}`);
  const left = readdirSync(reportDir)
    .sort()
    .map((file) => JSON.parse(readFileSync(path.join(reportDir, file), 'utf8')) as LeftBehind);
  return { jestPid: jest.pid!, left };
}

function stillThere(left: LeftBehind[]): string[] {
  return left.flatMap((one) => [
    ...(isSameProcess(one.processPid, one.processStartTicks)
      ? [`the process it started (pid ${one.processPid})`]
      : []),
    ...(existsSync(one.privateFolder) ? [`its private folder ${one.privateFolder}`] : []),
    ...(existsSync(one.recordFile) ? [`its run record ${one.recordFile}`] : []),
  ]);
}

/** The exit sends SIGKILL; the kernel takes a moment to remove the process. */
async function expectAllGone(left: LeftBehind[]): Promise<void> {
  await waitFor(
    () => stillThere(left).length === 0,
    'what the tests left to be gone',
    busyMachineSlackMs,
  ).catch(() => undefined);
  expect(stillThere(left)).toEqual([]);
}

describe('a test file that does not stop what it started', () => {
  it('run in band (inside jest itself, as npm run exercise does): what it left ends with jest', async () => {
    // Without --forceExit jest would wait for the process it still has pipes to, for good.
    const { jestPid, left } = await runForgetfulTests(['--runInBand', '--forceExit']);
    expect(left.map((one) => one.workerPid)).toEqual([jestPid, jestPid]);
    await expectAllGone(left);
  });

  it('run in jest worker processes (as npm test does): what it left ends with its worker', async () => {
    const { jestPid, left } = await runForgetfulTests(['--maxWorkers=2']);
    expect(left.every((one) => one.workerPid !== jestPid)).toBe(true);
    await expectAllGone(left);
  });
});
