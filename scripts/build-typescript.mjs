#!/usr/bin/env node
// A package's `build`: tsc on each of its configs, in order (run from the package's folder).
//   node ../../scripts/build-typescript.mjs tsconfig.build.json tsconfig.lab.json
// A config whose last build (its tsBuildInfoFile) is newer than every workspace package it
// compiles against, and than the configs before it, is handed to `tsc -b`: from the build info
// alone it finds the output up to date, or rebuilds what changed. That keeps a rebuild of
// everything (`npm test -- --force`) cheap where nothing changed. Otherwise the full
// `tsc -p` type-checks it again, since `tsc -b` would look at the package's own files only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const packageDir = process.cwd();
const configs = process.argv.slice(2);
if (configs.length === 0) {
  console.error('build-typescript: name the tsconfig files to build, in order');
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const mtimeOf = (file) => (existsSync(file) ? statSync(file).mtimeMs : undefined);

/** The build info files under a package's dist/: when it was last built. */
function buildInfosOf(dir) {
  const dist = path.join(dir, 'dist');
  if (!existsSync(dist)) return [];
  return readdirSync(dist)
    .filter((name) => name.endsWith('.tsbuildinfo'))
    .map((name) => path.join(dist, name));
}

/** The workspace packages this one depends on, by folder. */
function workspaceDependencyDirs() {
  const pkg = readJson(path.join(packageDir, 'package.json'));
  const names = new Set(
    Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((name) =>
      name.startsWith('@sessions/'),
    ),
  );
  const dirs = [];
  for (const pattern of readJson(path.join(repoRoot, 'package.json')).workspaces) {
    const candidates = pattern.endsWith('/*')
      ? readdirSync(path.join(repoRoot, pattern.slice(0, -2))).map((name) =>
          path.join(repoRoot, pattern.slice(0, -2), name),
        )
      : [path.join(repoRoot, pattern)];
    for (const dir of candidates) {
      const manifest = path.join(dir, 'package.json');
      if (existsSync(manifest) && names.has(readJson(manifest).name)) dirs.push(dir);
    }
  }
  return dirs;
}

const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
function run(args) {
  const result = spawnSync(tsc, args, { cwd: packageDir, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Everything this package compiles against that was built before it: the dependencies first.
const newestBefore = [...workspaceDependencyDirs().flatMap(buildInfosOf).map(mtimeOf)];
for (const config of configs) {
  const buildInfo = readJson(path.join(packageDir, config)).compilerOptions?.tsBuildInfoFile;
  const buildInfoFile = buildInfo && path.resolve(packageDir, path.dirname(config), buildInfo);
  const builtAt = buildInfoFile && mtimeOf(buildInfoFile);
  const upToDateWithInputs =
    builtAt !== undefined && newestBefore.every((time) => time === undefined || time < builtAt);
  if (upToDateWithInputs) {
    run(['-b', config]);
  } else {
    run(['-p', config]);
    // Built against what is there now: newer than it, even when tsc had nothing to write.
    if (buildInfoFile && existsSync(buildInfoFile)) {
      const now = new Date();
      utimesSync(buildInfoFile, now, now);
    }
  }
  if (buildInfoFile) newestBefore.push(mtimeOf(buildInfoFile));
}
