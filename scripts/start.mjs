#!/usr/bin/env node
// `npm start -- NN [options]`: prepares only what lab NN needs, then runs the launcher
// (scripts/lab.mjs). The doctor checks (as root: installs) only the system parts this lab
// uses, and turbo builds only the chapter's package and what it depends on (JavaScript only,
// without type checking: `npm run build` and the tests check the types).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { labArgumentsOrExit } from './lib/lab-options.mjs';
import {
  chapterPackage,
  labSystemParts,
  startBuildTask,
  withDependencies,
} from './lib/lab-preparation.mjs';

const root = path.resolve(import.meta.dirname, '..');

const parsed = labArgumentsOrExit(process.argv.slice(2));

// Without a chapter the launcher lists the chapters, which needs only the harness; so does
// an unknown chapter, which the launcher then refuses with the list of real ones.
const chapter = parsed.help ? undefined : parsed.chapter;
const packageName = chapter ? chapterPackage(chapter, root) : undefined;
const parts = packageName ? labSystemParts(chapter, parsed.options) : [];

if (parts.length)
  run(process.execPath, [path.join(root, 'scripts/doctor.mjs'), '--for', 'start', ...parts]);
const turbo = path.join(root, 'node_modules/.bin/turbo');
const build = withDependencies(packageName ?? '@sessions/harness');
const built = run(turbo, ['run', startBuildTask, build, '--output-logs=errors-only']);
if (built !== 0) process.exit(built);
await import('./lab.mjs');

function run(command, args) {
  const { status, error } = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    shell: process.platform === 'win32',
  });
  if (error) throw error;
  return status ?? 1;
}
