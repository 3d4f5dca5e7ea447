#!/usr/bin/env node
// A chapter's last build step (run from its folder, after tsc or the transpiler): esbuild joins
// dist/main.js and everything it imports into one file, dist/main.bundle.mjs. The code is the
// same; Node just no longer resolves and opens some 700 module files, so a server starts in
// about half the CPU time. The harness starts hundreds of servers in a test run, and a
// learner's lab starts a handful. `node dist/main.js` still runs the very same server.
//
// Next to it, dist/main.bundle.inputs.json lists the workspace files the bundle was made from,
// so the harness can tell a bundle older than its sources and start dist/main.js instead.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const packageDir = process.cwd();
const entry = path.join(packageDir, 'dist/main.js');
const outfile = path.join(packageDir, 'dist/main.bundle.mjs');

const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  metafile: true,
  logLevel: 'warning',
  // Express and other CommonJS packages call require() for Node's own modules: an ES module
  // bundle has no require of its own, so it gets one.
  banner: {
    js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);",
  },
  // NestJS loads these only if they are installed (the course uses none of them).
  external: [
    '@nestjs/microservices',
    '@nestjs/microservices/*',
    '@nestjs/websockets',
    '@nestjs/websockets/*',
    'class-transformer',
    'class-transformer/*',
    'class-validator',
    // Reads its own table.sql next to its source: it must stay where it was installed.
    'connect-pg-simple',
  ],
});

const inputs = Object.keys(result.metafile.inputs)
  .map((input) => path.resolve(input))
  .filter((file) => !file.split(path.sep).includes('node_modules'))
  .map((file) => path.relative(packageDir, file));
writeFileSync(
  path.join(packageDir, 'dist/main.bundle.inputs.json'),
  `${JSON.stringify(inputs, null, 2)}\n`,
);
