// What `npm start -- NN` prepares before the launcher runs: only the system parts lab NN
// uses (the doctor checks them, and as root installs them), and a build of only the
// chapter's package and what it depends on: their `build:start`, which emits tsc's
// JavaScript without type checking (scripts/transpile.mjs), so a first start is quick.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const storeParts = {
  redis: ['redis'],
  'redis-sentinel': ['redis'],
  postgres: ['postgres'],
  memory: [],
};

/** Per chapter, the system parts its lab uses with these options; a chapter not listed uses none. */
const chapterParts = {
  // The session store: --store, or LAB_STORE, or Redis.
  '05': (options, env) => storeParts[options.store ?? env.LAB_STORE ?? 'redis'] ?? [],
  // Every server on a network host of its own, links cut with nftables.
  '06': () => ['nftables'],
};

/** The system parts lab `chapter` uses with `options` (names from system-parts.json). */
export function labSystemParts(chapter, options = {}, env = process.env) {
  const parts = new Set(chapterParts[chapter.slice(0, 2)]?.(options, env) ?? []);
  if (options.network === 'hosts') parts.add('nftables');
  // The shipped HAProxy or nginx config in front of the servers (chapters 02 and 03).
  if (options.balancer === 'haproxy' || options.balancer === 'nginx') parts.add(options.balancer);
  return [...parts];
}

/** The npm package of chapter `chapter` ("02" or "02-inconsistency"), or undefined. */
export function chapterPackage(chapter, root) {
  const number = chapter.slice(0, 2);
  if (!/^\d\d$/.test(number)) return undefined;
  const dir = readdirSync(path.join(root, 'chapters')).find((name) =>
    name.startsWith(`${number}-`),
  );
  if (!dir) return undefined;
  return JSON.parse(readFileSync(path.join(root, 'chapters', dir, 'package.json'), 'utf8')).name;
}

/** The turbo task `npm start` builds with; every package a lab needs has it. */
export const startBuildTask = 'build:start';

/** Turbo's filter for a package and everything it depends on. */
export const withDependencies = (packageName) => `--filter=${packageName}...`;
