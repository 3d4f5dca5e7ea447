#!/usr/bin/env node
// Checks the system parts the course uses (programs, and a font for the slides). For each missing one it prints the exact
// install command; as root with apt-get available it installs it. First it removes what earlier
// labs and tests of this user left when they were killed outright (see cleanStaleRuns).
//   node scripts/doctor.mjs                 every part
//   node scripts/doctor.mjs --for test      what `npm test` needs (every part)
//   node scripts/doctor.mjs --for start redis   what one lab needs (the launcher names them; warns only)
//   node scripts/doctor.mjs redis postgres  just these
import { execFileSync, spawnSync } from 'node:child_process';
import {
  installHint,
  locateSystemPart as locate,
  systemParts as parts,
} from '../shared/harness/lib/system-parts.cjs';

function canInstallWithApt() {
  return (
    process.platform === 'linux' &&
    process.getuid?.() === 0 &&
    spawnSync('apt-get', ['--version']).status === 0
  );
}

// What each root command needs. The tests use every part. A lab needs only its own parts
// (the launcher names them, see scripts/lib/lab-options.mjs), and a missing one is a warning.
// A part marked with platforms (nftables: Linux only) is not asked for elsewhere.
const partsHere = Object.keys(parts).filter(
  (part) => !parts[part].platforms || parts[part].platforms.includes(process.platform),
);
const purposes = {
  test: { parts: partsHere, required: true },
  start: { parts: [], required: false },
};

const args = process.argv.slice(2);
const forIndex = args.indexOf('--for');
const purpose = forIndex >= 0 ? purposes[args[forIndex + 1]] : undefined;
if (forIndex >= 0 && !purpose) {
  console.error(`doctor: --for takes one of ${Object.keys(purposes).join(', ')}`);
  process.exit(2);
}
const named = forIndex >= 0 ? args.filter((_, i) => i !== forIndex && i !== forIndex + 1) : args;
const wanted = named.length ? named : purpose ? purpose.parts : partsHere;
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
if (wanted.includes('nftables') && locate('nftables')) await reportLabNetwork();

/** Whether `--network hosts` can run here, and how (see labNetworkAccess). */
async function reportLabNetwork() {
  let harness;
  try {
    harness = await import('@sessions/harness');
  } catch {
    return; // not built yet: said above
  }
  const access = harness.labNetworkAccess();
  const [status, text] = {
    namespaces: ['ok', '--network hosts: this user makes the namespaces (root)'],
    'user-namespace': [
      'ok',
      '--network hosts: through a user namespace, no sudo needed (the chapter 06 tests, experiments and exercise checks still need sudo)',
    ],
    unavailable: [
      'note',
      `--network hosts cannot run here: missing ${access.missing}. The default loopback mode still works.`,
    ],
  }[access.kind];
  console.log(`doctor: ${status.padEnd(7)} ${'network'.padEnd(12)} ${text}`);
}

if (missing.length && !required) {
  console.warn(
    `doctor: ${missing.join(', ')} missing: this lab uses them and fails where it needs them.`,
  );
} else if (missing.length) {
  console.error(
    `doctor: ${missing.length} part(s) missing; the tests that need them fail until they are installed.`,
  );
  process.exit(1);
}
