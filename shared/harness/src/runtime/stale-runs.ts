import { lstatSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isSameProcess, pidExists, pidNamespace } from './process-identity';
import { currentUid, hostUid, runFolder } from './run-folder';
import { deleteNetns, endProcess, removeTempDirNow, type RunRecord } from './run-record';

/** What the cleanup removed for one dead run, in words a learner can read. */
export interface StaleRunReport {
  launcherPid: number;
  startedAt: string;
  command: string;
  processes: string[];
  tempDirs: string[];
  netns: string[];
}

/**
 * Removes what earlier runs of this user left behind: processes, temp folders and network
 * namespaces listed in a run record whose launcher is dead. A run still alive (a test in
 * another worker, a lab in another terminal) is left alone, and so is anything not owned by
 * this user: the folder is per user, and each record's owner is checked again.
 */
export function cleanStaleRuns(tmp = os.tmpdir()): StaleRunReport[] {
  const folder = runFolder(tmp);
  const uid = currentUid();
  const reports: StaleRunReport[] = [];
  for (const name of readdirSync(folder)) {
    const match = /^((\d+)-[0-9a-f]+)\.json$/.exec(name);
    if (!match || Number(match[2]) === process.pid) continue;
    const file = path.join(folder, name);
    const info = lstatOrGone(file);
    if (!info?.isFile() || info.uid !== uid) continue;
    let run: RunRecord;
    try {
      run = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
    } catch {
      continue; // being written right now by a live run, or not ours to judge
    }
    if (run.owner !== hostUid() || run.launcherPid !== Number(match[2])) continue;
    if (run.pidNamespace !== pidNamespace()) continue; // its pids are not ours to judge
    if (isSameProcess(run.launcherPid, run.launcherStartTicks)) continue;
    reports.push(removeRun(run, tmp));
    rmSync(path.join(folder, match[1]), { recursive: true, force: true });
    rmSync(file, { force: true });
  }
  removeOrphanPrivateFolders(folder);
  return reports;
}

function removeRun(run: RunRecord, tmp: string): StaleRunReport {
  const report: StaleRunReport = {
    launcherPid: run.launcherPid,
    startedAt: run.startedAt,
    command: run.command,
    processes: [],
    tempDirs: [],
    netns: [],
  };
  for (const entry of run.processes ?? []) {
    if (!Number.isInteger(entry.pid) || entry.pid <= 1) continue;
    if (!isSameProcess(entry.pid, entry.startTicks)) continue;
    endProcess(entry);
    report.processes.push(`${entry.label} (pid ${entry.pid})`);
  }
  for (const dir of run.tempDirs ?? []) {
    // Only the harness's own temp folders: a tampered record cannot point at anything else.
    if (path.dirname(dir) !== tmp || !path.basename(dir).startsWith('sessions-')) continue;
    try {
      lstatSync(dir);
    } catch {
      continue;
    }
    removeTempDirNow(dir);
    report.tempDirs.push(dir);
  }
  const ownNamespace = new RegExp(`^sas-${run.launcherPid}-[A-Za-z0-9_.-]+$`);
  for (const name of run.netns ?? []) {
    if (ownNamespace.test(name) && deleteNetns(name)) report.netns.push(name);
  }
  return report;
}

/** One line per removed run, for the launcher and `npm run doctor`. */
export function describeStaleRuns(reports: readonly StaleRunReport[]): string[] {
  return reports.map((report) => {
    const parts = [
      report.processes.length ? `ended ${report.processes.join(', ')}` : '',
      report.tempDirs.length ? `removed ${report.tempDirs.join(', ')}` : '',
      report.netns.length ? `deleted network namespaces ${report.netns.join(', ')}` : '',
    ].filter(Boolean);
    return `an earlier run (pid ${report.launcherPid}, started ${report.startedAt}) had stopped without cleaning up: ${parts.length ? parts.join('; ') : 'nothing was left running'}.`;
  });
}

/**
 * Another run (a test worker of another package, a lab) may end and remove its own record
 * between the folder listing and this look: gone is not an error.
 */
function lstatOrGone(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A dead run's private folder (password files) whose record is already gone. */
function removeOrphanPrivateFolders(folder: string): void {
  for (const name of readdirSync(folder)) {
    const match = /^(\d+)-[0-9a-f]+$/.exec(name);
    if (!match || Number(match[1]) === process.pid) continue;
    const dir = path.join(folder, name);
    const info = lstatOrGone(dir);
    if (!info?.isDirectory() || info.uid !== currentUid()) continue;
    if (pidExists(Number(match[1])) || readdirSync(folder).includes(`${name}.json`)) continue;
    rmSync(dir, { recursive: true, force: true });
  }
}
