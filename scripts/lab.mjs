#!/usr/bin/env node
// The lab launcher: `npm start -- 03` starts chapter 03 as it is meant to be seen.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chapterDir,
  cleanStaleRuns,
  connectLines,
  describeStaleRuns,
  exposeToOuterHalf,
  freePort,
  insideLabUserNamespace,
  labNetworkAccess,
  labBanner,
  labLanguage,
  launcherText,
  listChapters,
  prepareLabUserNamespace,
  runLabInUserNamespace,
  runPrivateFolder,
  startLab,
  stopWhenOuterHalfEnds,
} from '@sessions/harness';
import { labArgumentsOrExit, usageOfOptions } from './lib/lab-options.mjs';

const parsed = labArgumentsOrExit(process.argv.slice(2));
// LAB_LANG=ko (or a Korean LANG): the launcher's and the dashboard's fixed text in Korean.
const language = labLanguage();
const text = launcherText(language);
const { chapter: chapterArg, options } = parsed;
if (!chapterArg || parsed.help) {
  console.log(`${text.usage}\n\n${text.chapters}`);
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
  console.error(text.noChapter(chapterArg, listChapters().join(', ')));
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
// The outer half of a lab in a user namespace passes the signal on and waits for the lab.
let outerHalf = false;
async function shutdown(signal) {
  if (outerHalf) return;
  if (stopping) process.exit(1); // a second signal: the exit handler ends everything at once
  stopping = true;
  const say = signal === 'SIGHUP' ? () => {} : (text) => console.log(text);
  say(`\n${text.stopping}`);
  await lab?.stop();
  say(text.stopped);
  process.exit(0);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => shutdown(signal));
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

// What an earlier run left when it was killed outright (kill -9, a crash, a power cut).
for (const line of describeStaleRuns(cleanStaleRuns())) console.log(text.cleanedUp(line));

// Chapter 05's lab reads its store, chapter 03's its sticky strategy, when it is loaded.
if (options.store) process.env.LAB_STORE = options.store;
if (options.strategy) process.env.STICKY_MODE = options.strategy;
let definition;
try {
  ({ lab: definition } = await import(`${chapterPackage}/lab`));
} catch (error) {
  if (error.code !== 'ERR_MODULE_NOT_FOUND' && error.code !== 'MODULE_NOT_FOUND') throw error;
  console.error(text.notBuilt(chapter, chapterArg));
  process.exit(2);
}
const port = Number(process.env.LB_PORT ?? 8080);
const token = randomBytes(16).toString('hex');
const realBalancerKind =
  options.balancer && options.balancer !== 'course' ? options.balancer : undefined;

// --network hosts as an ordinary user: this process stays on the machine and relays LB_PORT
// (and a real balancer's dashboard port) into a copy of itself run in a user namespace.
const inside = insideLabUserNamespace();
if (inside) {
  prepareLabUserNamespace();
  stopWhenOuterHalfEnds(() => shutdown('SIGTERM'));
} else if (
  (options.network ?? definition.network) === 'hosts' &&
  labNetworkAccess().kind === 'user-namespace'
) {
  outerHalf = true;
  if (realBalancerKind) process.env.LAB_DASHBOARD_PORT = String(await freePort());
  const ports = [port, ...(realBalancerKind ? [Number(process.env.LAB_DASHBOARD_PORT)] : [])];
  try {
    const code = await runLabInUserNamespace({
      script: fileURLToPath(import.meta.url),
      args: process.argv.slice(2),
      ports,
      socketFolder: runPrivateFolder(),
    });
    process.exit(code);
  } catch (error) {
    const hint =
      error.code === 'EADDRINUSE' ? `\n${text.portTaken(port, `npm start -- ${chapterArg}`)}` : '';
    console.error(`${text.couldNotStart(error.message)}${hint}`);
    process.exit(1);
  }
}

console.log(text.starting(definition.title));
try {
  lab = await startLab(definition, {
    port,
    controlToken: token,
    servers: options.servers,
    network: options.network,
    // The dashboard's labels in the launcher's language.
    balancer: { language },
    ...(realBalancerKind
      ? {
          realBalancer: { kind: realBalancerKind },
          // In a user namespace, the port the outer half already listens on.
          dashboardPort: Number(process.env.LAB_DASHBOARD_PORT ?? 0),
        }
      : {}),
    // A learner's busy laptop may take a while to boot three NestJS servers at once.
    serverReadyTimeoutMs: 60_000,
  });
} catch (error) {
  const hint =
    error.code === 'EADDRINUSE' ? `\n${text.portTaken(port, `npm start -- ${chapterArg}`)}` : '';
  console.error(`${text.couldNotStart(error.message)}${hint}`);
  process.exit(1);
}

if (inside) await exposeToOuterHalf([...new Set([port, lab.balancer?.port ?? port])]);

const url = `http://localhost:${port}`;
// With HAProxy or nginx at LB_PORT, the dashboard and controls have a port of their own.
const dashboard = lab.balancer && `http://localhost:${lab.balancer.port}/__lb/`;
const endpoints = lab.services?.endpoints?.() ?? [];
const { services, connect } = endpoints.length
  ? connectLines(endpoints, runPrivateFolder())
  : { services: [], connect: [] };
console.log(
  labBanner(
    {
      title: definition.title,
      url,
      realBalancer: lab.realBalancer,
      dashboard: lab.balancer ? { url: dashboard, token } : undefined,
      servers: lab.servers,
      network: lab.network && {
        ...lab.network.describe(),
        // Only the ports above reach in; the hosts' addresses and services stay inside.
        userNamespace: inside ? { pid: process.pid } : undefined,
      },
      services,
      connect,
      tryThis: definition.tryThis,
    },
    text,
  ),
);
