#!/usr/bin/env node
// The lab launcher: `npm start -- 03` starts chapter 03 as it is meant to be seen.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  chapterDir,
  cleanStaleRuns,
  connectLines,
  describeStaleRuns,
  listChapters,
  runPrivateFolder,
  startLab,
} from '@sessions/harness';
import { labArgumentsOrExit, usageOfOptions } from './lib/lab-options.mjs';

const parsed = labArgumentsOrExit(process.argv.slice(2));
const { chapter: chapterArg, options } = parsed;
if (!chapterArg || parsed.help) {
  console.log('Usage: npm start -- <chapter> [options]\n\nChapters:');
  for (const name of listChapters()) {
    console.log(`  npm start -- ${name.slice(0, 2)}   ${name}`);
  }
  console.log(`\n${usageOfOptions()}`);
  process.exit(0);
}

let chapterFolder;
try {
  chapterFolder = chapterDir(chapterArg);
} catch {
  console.error(
    `no chapter ${chapterArg}; the chapters are ${listChapters().join(', ')}. Run \`npm start\` to list them.`,
  );
  process.exit(2);
}
const chapter = path.basename(chapterFolder);
// Each chapter exports its lab as `<package>/lab` (package.json "exports"): the launcher
// loads that chapter only, so `npm start -- NN` needs only chapter NN built.
const chapterPackage = JSON.parse(
  readFileSync(path.join(chapterFolder, 'package.json'), 'utf8'),
).name;
// Closing the terminal (SIGHUP), Ctrl-C (SIGINT) and kill (SIGTERM) all stop the lab in order.
// A closed terminal also makes writing to it fail: that must not stop the cleanup.
let lab;
let stopping = false;
async function shutdown(signal) {
  if (stopping) process.exit(1); // a second signal: the exit handler ends everything at once
  stopping = true;
  const say = signal === 'SIGHUP' ? () => {} : (text) => console.log(text);
  say('\nStopping the lab ...');
  await lab?.stop();
  say('Stopped: nothing left running.');
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal));
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

// What an earlier run left when it was killed outright (kill -9, a crash, a power cut).
for (const line of describeStaleRuns(cleanStaleRuns())) console.log(`Cleaned up: ${line}`);

// Chapter 05's lab reads its store, chapter 03's its sticky strategy, when it is loaded.
if (options.store) process.env.LAB_STORE = options.store;
if (options.strategy) process.env.STICKY_MODE = options.strategy;
let definition;
try {
  ({ lab: definition } = await import(`${chapterPackage}/lab`));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND' && error.code !== 'MODULE_NOT_FOUND') throw error;
  console.error(
    `Chapter ${chapter}'s lab is not built: \`npm start -- ${chapterArg}\` builds it first.`,
  );
  process.exit(2);
}
const port = Number(process.env.LB_PORT ?? 8080);
const token = randomBytes(16).toString('hex');

console.log(`Starting ${definition.title} ...`);
try {
  lab = await startLab(definition, {
    port,
    controlToken: token,
    servers: options.servers,
    network: options.network,
    ...(options.balancer && options.balancer !== 'course'
      ? { realBalancer: { kind: options.balancer }, dashboardPort: 0 }
      : {}),
    // A learner's busy laptop may take a while to boot three NestJS servers at once.
    serverReadyTimeoutMs: 60_000,
  });
} catch (error) {
  const hint =
    error.code === 'EADDRINUSE'
      ? `\nPort ${port} is taken: run with LB_PORT=8081 npm start -- ${chapterArg}`
      : '';
  console.error(`Could not start the lab: ${error.message}${hint}`);
  process.exit(1);
}

const url = `http://localhost:${port}`;
// With HAProxy or nginx at LB_PORT, the dashboard and controls have a port of their own.
const dashboard = lab.balancer && `http://localhost:${lab.balancer.port}/__lb/`;
const endpoints = lab.services?.endpoints?.() ?? [];
const { services, connect } = endpoints.length
  ? connectLines(endpoints, runPrivateFolder())
  : { services: [], connect: [] };
const lines = [
  '',
  `  ${definition.title}`,
  '',
  `  Open          ${url}/`,
  ...(lab.realBalancer
    ? [
        `  Balancer      ${lab.realBalancer.kind} (pid ${lab.realBalancer.pid}) on ${lab.realBalancer.config}`,
      ]
    : []),
  ...(lab.balancer ? [`  Dashboard     ${dashboard}`, `  Control token ${token}`] : []),
  '',
  '  Servers',
  ...lab.servers.map((server) => `    ${server.id}  ${server.url}  (pid ${server.pid})`),
  '',
  ...(lab.network
    ? [
        `  Network       ${lab.network.describe().subnet}: one namespace per host`,
        ...lab.network
          .hosts()
          .map(
            (host) =>
              `    ${host.name.padEnd(9)} ${host.address}  ${host.namespace ?? '(this launcher)'}`,
          ),
        '  Cut and heal links from the dashboard (controls cut-link, isolate, link-loss, link-delay, heal-all).',
        '',
      ]
    : []),
  ...(services.length
    ? [
        '  Services',
        ...services.map((line) => `    ${line}`),
        '',
        '  Connect (the password is read from a file only you can read)',
        ...connect.map((line) => `    ${line}`),
        '',
      ]
    : []),
  '  Try this',
  ...definition.tryThis.map((line) => `    - ${line.replaceAll('{url}', url)}`),
  '',
  '  Ctrl-C stops everything this lab started.',
  '',
];
console.log(lines.join('\n'));
