import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pidNamespace, processStartTicks } from './process-identity';
import { onProcessExit } from './process-exit';
import { hostUid, privateFolder, runFolder } from './run-folder';

export interface RecordedProcess {
  pid: number;
  /** Guards against a reused pid: see process-identity.ts. */
  startTicks?: number;
  label: string;
  /** Started as the leader of its own process group: ending the group ends its children too. */
  group: boolean;
}

/**
 * What one run (a launcher, a test worker, an experiment: any process using the harness) has
 * started, written to `<run folder>/<pid>.json` each time it changes. If the run dies without
 * cleaning up (kill -9, a crash), a later run reads this and removes what is listed.
 */
export interface RunRecord {
  /** The user's uid on the machine (hostUid), also for a run inside a user namespace. */
  owner: number;
  launcherPid: number;
  launcherStartTicks?: number;
  /** Pids are only meaningful within this namespace. */
  pidNamespace?: string;
  startedAt: string;
  command: string;
  processes: RecordedProcess[];
  tempDirs: string[];
  /** Network namespaces, always named `sas-<launcherPid>-<host>`. */
  netns: string[];
}

/**
 * This copy of the module's record. Jest gives every test file its own module registry (and
 * its own globals) in the same worker process, so a process may hold several copies: each
 * writes its own file, `<pid>-<key>.json`, and cleans up its own on exit.
 */
interface RunState {
  record: RunRecord | undefined;
  privateFolderMade: boolean;
  exitCleanupInstalled: boolean;
}
const state: RunState = {
  record: undefined,
  privateFolderMade: false,
  exitCleanupInstalled: false,
};
const instanceKey = `${process.pid}-${randomBytes(4).toString('hex')}`;

function record(): RunRecord {
  state.record ??= {
    owner: hostUid(),
    launcherPid: process.pid,
    launcherStartTicks: processStartTicks(process.pid),
    pidNamespace: pidNamespace(),
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).join(' '),
    processes: [],
    tempDirs: [],
    netns: [],
  };
  installExitCleanup();
  return state.record;
}

/** This run's record file: `<run folder>/<pid>-<key>.json`. */
export function runRecordPath(): string {
  return path.join(runFolder(), `${instanceKey}.json`);
}

function save(): void {
  const current = state.record;
  if (!current) return;
  const file = runRecordPath();
  // Nothing left to clean up: no file, so a run killed now (a test worker ended by its
  // runner) leaves no record behind either.
  const empty =
    !state.privateFolderMade &&
    current.processes.length === 0 &&
    current.tempDirs.length === 0 &&
    current.netns.length === 0;
  if (empty) {
    rmSync(file, { force: true });
    return;
  }
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(current, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}

type RecordedList = 'processes' | 'tempDirs' | 'netns';
type EntryOf<List extends RecordedList> = RunRecord[List][number];

/** Adds what was just started or made to this run's record, on disk at once. */
function remember<List extends RecordedList>(list: List, entry: EntryOf<List>): void {
  (record()[list] as Array<EntryOf<List>>).push(entry);
  save();
}

/** Drops what has been ended or removed from this run's record. */
function forget<List extends RecordedList>(
  list: List,
  gone: (entry: EntryOf<List>) => boolean,
): void {
  const current = state.record;
  if (!current) return;
  current[list] = (current[list] as Array<EntryOf<List>>).filter(
    (entry) => !gone(entry),
  ) as RunRecord[List];
  save();
}

export function recordProcess(entry: Omit<RecordedProcess, 'startTicks'>): void {
  remember('processes', { ...entry, startTicks: processStartTicks(entry.pid) });
}

export function forgetProcess(pid: number): void {
  forget('processes', (entry) => entry.pid === pid);
}

export function recordTempDir(dir: string): void {
  remember('tempDirs', dir);
}

export function forgetTempDir(dir: string): void {
  forget('tempDirs', (entry) => entry === dir);
}

/** The name a network namespace of this run must have, so a later run can recognise it. */
export function netnsName(host: string, launcherPid = process.pid): string {
  if (!/^[A-Za-z0-9_.-]{1,40}$/.test(host)) throw new Error(`bad namespace host name "${host}"`);
  return `sas-${launcherPid}-${host}`;
}

export function recordNetns(name: string): void {
  remember('netns', name);
}

export function forgetNetns(name: string): void {
  forget('netns', (entry) => entry === name);
}

/** This run's own folder for files only its user may read (store passwords). */
export function runPrivateFolder(): string {
  record();
  state.privateFolderMade = true;
  save();
  return privateFolder(instanceKey);
}

/** What this run has recorded so far (a copy), or undefined before it recorded anything. */
export function currentRun(): RunRecord | undefined {
  return state.record && structuredClone(state.record);
}

/** Removes this run's record and private folder: everything it listed has been ended. */
function removeRecord(): void {
  rmSync(path.join(runFolder(), instanceKey), { recursive: true, force: true });
  rmSync(runRecordPath(), { force: true });
  state.record = undefined;
  state.privateFolderMade = false;
}

/** End the given process (its whole group when it leads one), continuing it first if paused. */
export function endProcess(entry: Pick<RecordedProcess, 'pid' | 'group'>): void {
  for (const signal of ['SIGCONT', 'SIGKILL'] as const) {
    try {
      process.kill(entry.group ? -entry.pid : entry.pid, signal);
    } catch {
      // already gone
    }
  }
}

export function removeTempDirNow(dir: string): void {
  // A process killed a moment ago may still be closing files in it: retry briefly.
  rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
}

export function deleteNetns(name: string): boolean {
  return spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' }).status === 0;
}

/**
 * On any exit, orderly or not, end what is still listed and delete the record (see
 * onProcessExit). Only kill -9 skips this, and that is what a later run's stale-run cleanup
 * is for.
 */
function installExitCleanup(): void {
  if (state.exitCleanupInstalled) return;
  state.exitCleanupInstalled = true;
  onProcessExit(() => {
    const current = state.record;
    if (!current) return;
    for (const entry of current.processes) endProcess(entry);
    for (const dir of current.tempDirs) removeTempDirNow(dir);
    for (const name of current.netns) deleteNetns(name);
    removeRecord();
  });
}
