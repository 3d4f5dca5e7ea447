#!/usr/bin/env node
// `npm run start:dev -w chapters/NN-…`: the chapter's compiler and its server, both watching.
// tsc --watch recompiles src/ into dist/ on every save; once the first compile is clean,
// node --watch starts dist/main.js and restarts it whenever dist/ changes. Ctrl-C (or a
// kill) ends both.
//   node ../../scripts/watch-app.mjs [entry, default dist/main.js]
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const entry = process.argv[2] ?? 'dist/main.js';
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const compiler = spawn(
  process.execPath,
  [tsc, '-p', 'tsconfig.build.json', '--watch', '--preserveWatchOutput'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let server;
let stopping = false;

// tsc ends every compile with "Found N errors. Watching for file changes."
createInterface({ input: compiler.stdout }).on('line', (line) => {
  console.log(line);
  if (!server && !stopping && /Found 0 errors\. Watching for file changes/.test(line)) {
    server = spawn(process.execPath, ['--watch', entry], { stdio: 'inherit' });
    server.on('exit', (code) => stop(code ?? 1));
  }
});
compiler.on('exit', (code) => stop(code ?? 1));

function stop(code) {
  if (stopping) return;
  stopping = true;
  const running = [compiler, server].filter((child) => child && child.exitCode === null);
  let left = running.length;
  if (left === 0) process.exit(code);
  for (const child of running) {
    child.once('exit', () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    child.kill('SIGTERM');
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));
