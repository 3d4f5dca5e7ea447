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
  labBanner,
  labLanguage,
  launcherText,
  listChapters,
  runPrivateFolder,
  startLab,
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
async function shutdown(signal) {
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

console.log(text.starting(definition.title));
try {
  lab = await startLab(definition, {
    port,
    controlToken: token,
    servers: options.servers,
    network: options.network,
    // The dashboard's labels in the launcher's language.
    balancer: { language },
    ...(options.balancer && options.balancer !== 'course'
      ? { realBalancer: { kind: options.balancer }, dashboardPort: 0 }
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
      network: lab.network?.describe(),
      services,
      connect,
      tryThis: definition.tryThis,
    },
    text,
  ),
);
