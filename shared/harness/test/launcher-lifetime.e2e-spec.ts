import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  busyMachineSlackMs,
  cleanStaleRuns,
  endWith,
  isSameProcess,
  launchLab,
  type LaunchedLab,
  outputOf,
  pidNamespace,
  repoRoot,
  runFolder,
  serverReadyTimeoutMs,
  testGate,
  waitFor,
  type RunRecord,
} from '../src';

/**
 * The real launcher (`node scripts/lab.mjs`), ended the ways a learner's terminal ends it.
 * Chapter 05 with one server: a Redis, a temp folder and a chapter server to leave behind.
 */

// A launcher starts Redis and a server and waits for their health checks (the server gets
// serverReadyTimeoutMs): on a loaded machine that takes a while, and stopping them in order
// (SIGTERM, then SIGKILL after 3 s) a little more.
const startTimeoutMs = serverReadyTimeoutMs + busyMachineSlackMs;
const stopTimeoutMs = 20_000;
const testTimeoutMs = 2 * (startTimeoutMs + stopTimeoutMs);

// This file's runs are recorded under a temp folder of its own. Every lab start on this machine
// (another package's tests, a learner's lab) cleans up the dead runs of the same user, and
// would otherwise clean this file's deliberately dead launcher, or its planted records, first.
const ownTmp = mkdtempSync(path.join(os.tmpdir(), 'sessions-lifetime-'));
afterAll(() => {
  cleanStaleRuns(ownTmp); // what a launcher killed by a failed test left behind
  spawnSync('rm', ['-rf', ownTmp]);
});

// Making a namespace and giving a file to another uid need root: elsewhere those tests are
// reported as not run (CI, which sets SESSIONS_REQUIRE_NETWORK=1, fails instead).
const rootGate = testGate(
  process.getuid?.() === 0 ? undefined : 'root (a network namespace, a file of another uid)',
  'two stale-run tests',
);

/** Launchers not yet ended: a test that fails half-way must not leave its lab running. */
const running = new Set<LaunchedLab>();
afterEach(async () => {
  for (const lab of running) {
    lab.child.kill('SIGTERM');
    await lab.exited;
  }
});

async function launch(): Promise<LaunchedLab> {
  const lab = await launchLab(['05', '--store', 'redis', '--servers', '1'], {
    startTimeoutMs,
    stopTimeoutMs,
    env: { TMPDIR: ownTmp },
  });
  running.add(lab);
  void lab.exited.then(() => running.delete(lab));
  return lab;
}

/** The record file(s) of a process: `<pid>-<key>.json`. */
const recordFilesOf = (pid: number) =>
  readdirSync(runFolder(ownTmp)).filter(
    (name) => name.startsWith(`${pid}-`) && name.endsWith('.json'),
  );

function recordOf(pid: number): RunRecord {
  const [file] = recordFilesOf(pid);
  return JSON.parse(readFileSync(path.join(runFolder(ownTmp), file), 'utf8')) as RunRecord;
}

function leftBehind(run: RunRecord): string[] {
  return [
    ...run.processes
      .filter((entry) => isSameProcess(entry.pid, entry.startTicks))
      .map((entry) => `process ${entry.label} (pid ${entry.pid})`),
    ...run.tempDirs.filter((dir) => existsSync(dir)).map((dir) => `folder ${dir}`),
    ...(recordFilesOf(run.launcherPid).length ? ['its run record'] : []),
  ];
}

/** A SIGKILL takes a moment to land: wait for that, then show whatever is still there. */
async function expectNothingLeftBehind(run: RunRecord): Promise<void> {
  await waitFor(
    () => leftBehind(run).length === 0,
    'the run’s processes and folders to be gone',
    stopTimeoutMs,
    50,
  ).catch(() => undefined);
  expect(leftBehind(run)).toEqual([]);
}

describe('the launcher leaves nothing behind however it ends', () => {
  const why = {
    SIGHUP: 'the terminal or SSH session closed',
    SIGTERM: 'kill',
    SIGINT: 'Ctrl-C',
  } as const;
  for (const signal of ['SIGHUP', 'SIGTERM', 'SIGINT'] as const) {
    it(
      `on ${signal} (${why[signal]}) it stops Redis, the servers and removes their folders`,
      async () => {
        const lab = await launch();
        const run = recordOf(lab.child.pid!);
        expect(run.processes.map((entry) => entry.label)).toEqual(
          expect.arrayContaining([expect.stringMatching(/^redis/), 'server 1']),
        );
        expect(run.tempDirs.length).toBeGreaterThan(0);

        // The banner lists Redis with a line to paste, and no password is on it or on any
        // command line of the processes (which `ps` shows to every account).
        const passwordFile = /\$\(cat '([^']+)'\)/.exec(lab.output())![1];
        const password = readFileSync(passwordFile, 'utf8');
        expect(lab.output()).toMatch(/Services\n\s+redis\s+127\.0\.0\.1:\d+/);
        expect(lab.output()).toContain('redis-cli');
        expect(lab.output()).not.toContain(password);
        for (const entry of run.processes)
          expect(readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8')).not.toContain(password);

        await endWith(lab.child, signal, 'the launcher', stopTimeoutMs);

        await expectNothingLeftBehind(run);
      },
      testTimeoutMs,
    );
  }

  it(
    'after kill -9, the next start ends what the dead launcher left and says what it removed',
    async () => {
      const first = await launch();
      const run = recordOf(first.child.pid!);
      first.child.kill('SIGKILL');
      await first.exited;
      expect(leftBehind(run).length).toBeGreaterThan(0); // kill -9 leaves the lab running...

      const second = await launch(); // ...and the next start cleans it up
      try {
        expect(second.output()).toContain(`Cleaned up: an earlier run (pid ${run.launcherPid}`);
        await expectNothingLeftBehind(run);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    },
    testTimeoutMs,
  );

  it(
    'a run whose launcher is still alive is never touched by another run’s cleanup',
    async () => {
      const live = await launch();
      try {
        const run = recordOf(live.child.pid!);
        cleanStaleRuns(ownTmp);
        expect(run.processes.every((entry) => isSameProcess(entry.pid, entry.startTicks))).toBe(
          true,
        );
        expect(run.tempDirs.every((dir) => existsSync(dir))).toBe(true);
      } finally {
        live.child.kill('SIGTERM');
        await live.exited;
      }
    },
    testTimeoutMs,
  );
});

describe('any program that starts services through the harness (a test worker, an experiment)', () => {
  /** A node process that starts a Redis through the built harness and waits. */
  async function startScript(): Promise<{ child: ChildProcess; run: RunRecord }> {
    const script = `require('@sessions/harness').startRedis().then(() => console.log('up'));`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: repoRoot(),
      env: { ...process.env, TMPDIR: ownTmp },
      stdio: 'pipe',
    });
    const output = outputOf(child);
    await waitFor(
      () => output().includes('up') || child.exitCode !== null,
      'Redis to start',
      startTimeoutMs,
      50,
    ).catch(() => undefined);
    if (!output().includes('up')) {
      child.kill('SIGTERM'); // it ends the Redis it started (the test below proves it)
      throw new Error(`the script did not start Redis within ${startTimeoutMs} ms:\n${output()}`);
    }
    return { child, run: recordOf(child.pid!) };
  }

  for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
    it(
      `ends what it started when it gets ${signal}, though it set no handler of its own`,
      async () => {
        const { child, run } = await startScript();
        expect(run.processes).toHaveLength(1);
        await endWith(child, signal, 'the script', stopTimeoutMs);
        await expectNothingLeftBehind(run);
      },
      testTimeoutMs,
    );
  }

  it(
    'killed with kill -9, what it left is removed by the next cleanup',
    async () => {
      const { child, run } = await startScript();
      child.kill('SIGKILL');
      await waitFor(() => child.signalCode !== null, 'the script to die', stopTimeoutMs, 50);
      expect(leftBehind(run).length).toBeGreaterThan(0);

      const reports = cleanStaleRuns(ownTmp);

      expect(reports.map((report) => report.launcherPid)).toContain(run.launcherPid);
      await expectNothingLeftBehind(run);
    },
    testTimeoutMs,
  );
});

describe('stale-run cleanup', () => {
  const deadPid = () => {
    // A process that has exited: its pid names no live launcher.
    const done = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    return Number(done.stdout);
  };
  /** Writes the record of a run by `pid` where, and as, a launcher writes it; returns its file. */
  const writeStaleRecord = (pid: number, extra: Partial<RunRecord>): string => {
    const record: RunRecord = {
      owner: process.getuid!(),
      launcherPid: pid,
      pidNamespace: pidNamespace(),
      startedAt: new Date().toISOString(),
      command: 'a test',
      processes: [],
      tempDirs: [],
      netns: [],
      ...extra,
    };
    const file = path.join(runFolder(ownTmp), `${pid}-0.json`);
    writeFileSync(file, JSON.stringify(record), { mode: 0o600 });
    if (record.owner !== process.getuid!()) chownSync(file, record.owner, record.owner);
    return file;
  };
  /**
   * One cleanup of the record of a dead run that lists a fresh temp folder (named from `prefix`)
   * and `fields`; `check` gets the folder and the record's file. Both are removed after.
   */
  const cleanUpRunListing = (
    prefix: string,
    fields: Partial<RunRecord>,
    check: (folder: string, file: string) => void,
  ) => {
    const folder = mkdtempSync(path.join(ownTmp, prefix));
    const file = writeStaleRecord(deadPid(), {
      ...fields,
      tempDirs: [folder, ...(fields.tempDirs ?? [])],
    });
    try {
      cleanStaleRuns(ownTmp);
      check(folder, file);
    } finally {
      spawnSync('rm', ['-rf', folder, file]);
    }
  };

  rootGate.describe('as root', () => {
    it('deletes the network namespaces a dead run recorded, named sas-<launcher pid>-<host>', () => {
      const pid = deadPid();
      const name = `sas-${pid}-h1`;
      expect(spawnSync('ip', ['netns', 'add', name]).status).toBe(0);
      const file = writeStaleRecord(pid, { netns: [name, 'sas-1-not-this-run'] });
      try {
        const reports = cleanStaleRuns(ownTmp);

        const namespaces = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
        expect(namespaces).not.toContain(name);
        expect(reports.find((report) => report.launcherPid === pid)?.netns).toEqual([name]);
      } finally {
        spawnSync('ip', ['netns', 'del', name]);
        spawnSync('rm', ['-f', file]);
      }
    });

    it('leaves a record another user owns alone, even when its launcher is dead', () => {
      cleanUpRunListing('sessions-other-user-', { owner: 64123 }, (theirs, file) => {
        expect(existsSync(theirs)).toBe(true);
        expect(existsSync(file)).toBe(true);
      });
    });
  });

  it('leaves a record from another pid namespace alone (its pids name other processes here)', () => {
    cleanUpRunListing('sessions-other-namespace-', { pidNamespace: 'pid:[1]' }, (theirs) => {
      expect(existsSync(theirs)).toBe(true);
    });
  });

  it('removes only the harness’s own temp folders, whatever a record lists', () => {
    cleanUpRunListing('not-the-course-', { tempDirs: [os.homedir()] }, (outside, file) => {
      expect(existsSync(outside)).toBe(true);
      expect(existsSync(file)).toBe(false);
    });
  });
});
