#!/usr/bin/env node
// Checks the system parts the course uses (programs, and a font for the slides). For each missing one it prints the exact
// install command; as root with apt-get available it installs it. First it removes what earlier
// labs and tests of this user left when they were killed outright (see cleanStaleRuns).
//   node scripts/doctor.mjs                 every part
//   node scripts/doctor.mjs --for test      what `npm test` needs (every part)
//   node scripts/doctor.mjs --for start     what `npm start` needs (the stores; warns only)
//   node scripts/doctor.mjs redis postgres  just these
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const parts = JSON.parse(readFileSync(new URL('./system-parts.json', import.meta.url), 'utf8'));

/** The first usable path for a part's binary, or undefined. Mirrors shared/harness's lookup. */
export function locate(part) {
  // Some parts are plain files (a font), found by existence rather than as a program.
  const file = (parts[part].files ?? []).find((candidate) => existsSync(candidate));
  if (file) return file;
  for (let candidate of parts[part].binaries ?? []) {
    if (candidate.startsWith('$')) candidate = process.env[candidate.slice(1)] ?? '';
    if (!candidate) continue;
    if (candidate.includes('*')) {
      const [before, after] = candidate.split('*');
      let versions = [];
      try {
        versions = readdirSync(before).sort((a, b) => Number(b) - Number(a));
      } catch {
        continue;
      }
      for (const version of versions) {
        const full = `${before}${version}${after}`;
        if (isExecutable(full)) return full;
      }
      continue;
    }
    if (candidate.includes('/')) {
      if (isExecutable(candidate)) return candidate;
      continue;
    }
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
      const full = path.join(dir, candidate);
      if (isExecutable(full)) return full;
    }
  }
  return undefined;
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function installHint(part) {
  const { apt, brew } = parts[part];
  return process.platform === 'darwin' ? `brew install ${brew}` : `sudo apt-get install -y ${apt}`;
}

function canInstallWithApt() {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version']).status === 0
  );
}

// What each root command needs. The tests use every part. A lab needs only the stores
// (chapter 05), and for `npm start` a missing one is a warning, so chapters 01-04 still start.
// A part marked with platforms (nftables: Linux only) is not asked for elsewhere.
const partsHere = Object.keys(parts).filter(
  (part) => !parts[part].platforms || parts[part].platforms.includes(process.platform),
);
const purposes = {
  test: { parts: partsHere, required: true },
  start: { parts: ['redis', 'postgres'], required: false },
};

const args = process.argv.slice(2);
const forIndex = args.indexOf('--for');
const purpose = forIndex >= 0 ? purposes[args[forIndex + 1]] : undefined;
if (forIndex >= 0 && !purpose) {
  console.error(`doctor: --for takes one of ${Object.keys(purposes).join(', ')}`);
  process.exit(2);
}
const wanted = purpose ? purpose.parts : args.length ? args : partsHere;
const required = purpose ? purpose.required : true;
const unknown = wanted.filter((part) => !parts[part]);
if (unknown.length) {
  console.error(
    `doctor: unknown part(s) ${unknown.join(', ')}; known: ${Object.keys(parts).join(', ')}`,
  );
  process.exit(2);
}

await cleanUpStaleRuns();

/** Processes, temp folders and namespaces of this user's dead runs; live runs are left alone. */
async function cleanUpStaleRuns() {
  let harness;
  try {
    harness = await import('@sessions/harness');
  } catch {
    console.log(
      'doctor: skipped the stale-run cleanup (the harness is not built yet: npm run build)',
    );
    return;
  }
  const lines = harness.describeStaleRuns(harness.cleanStaleRuns());
  for (const line of lines) console.log(`doctor: cleaned up ${line}`);
  if (!lines.length) console.log('doctor: ok      no earlier run left anything behind');
}

let missing = wanted.filter((part) => !locate(part));
if (missing.length && canInstallWithApt()) {
  const packages = missing.map((part) => parts[part].apt);
  console.log(`doctor: installing ${packages.join(' ')} with apt-get (running as root) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env,
    });
  } catch (error) {
    console.error(`doctor: apt-get failed: ${error.message}`);
  }
  missing = wanted.filter((part) => !locate(part));
}

for (const part of wanted) {
  const found = locate(part);
  console.log(
    `doctor: ${found ? 'ok     ' : 'MISSING'} ${part.padEnd(12)} ${found ?? `${parts[part].what}. Install: ${installHint(part)}`}`,
  );
}
if (missing.length && !required) {
  console.warn(
    `doctor: ${missing.join(', ')} missing: chapter 05's lab needs them; the other chapters do not.`,
  );
} else if (missing.length) {
  console.error(
    `doctor: ${missing.length} part(s) missing; the tests that need them fail until they are installed.`,
  );
  process.exit(1);
}
