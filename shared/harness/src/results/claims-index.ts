import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../repo';

/** One entry of docs/claims.json: what a lesson claims, where, and the tests that prove it. */
export interface Claim {
  lesson: string;
  section: string;
  claim: string;
  tests: Array<{ file: string; name: string }>;
}

export const claimsIndexPath = 'docs/claims.json';

/**
 * The titles a test file gives its tests and groups: the first argument of it, test and
 * describe (also `.each(...)`), as written in the source.
 */
export function testTitles(source: string): string[] {
  const call = /\b(?:it|test|describe)(?:\.each\([\s\S]*?\))?\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  return [...source.matchAll(call)].map((match) => match[2].replace(/\\(.)/g, '$1'));
}

/** A skipped, focused or to-do test in the file: then `npm test` does not run all of it. */
export function skipMarkers(source: string): string[] {
  return [
    ...source.matchAll(
      /\b(?:(?:it|test|describe)\.(?:skip|only|todo)|x(?:it|test|describe)|f(?:it|describe))\(/g,
    ),
  ].map((match) => match[0]);
}

/** The headings of a markdown file, without their #'s. */
function headings(markdown: string): string[] {
  return [...markdown.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((match) => match[1]);
}

/** The nearest folder at or above `file` with a package.json, relative to the root. */
function packageOf(file: string): string {
  let dir = path.dirname(file);
  while (dir !== '.' && !existsSync(path.join(repoRoot(), dir, 'package.json')))
    dir = path.dirname(dir);
  return dir;
}

const run = promisify(execFile);

/** The test files jest runs in a package, from jest itself with the package's own config. */
async function testFilesOf(packageDir: string): Promise<string[]> {
  const root = repoRoot();
  const { stdout } = await run(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      path.join(root, 'node_modules/jest/bin/jest.js'),
      '--listTests',
      '--json',
    ],
    { cwd: path.join(root, packageDir), maxBuffer: 10 * 1024 * 1024 },
  );
  return (JSON.parse(stdout) as string[]).map((file) => path.relative(root, file));
}

/**
 * Checks every claim of docs/claims.json: its lesson section exists, and each test it names
 * is in a package that `npm test` tests, in a file jest runs there, under that exact title,
 * in a file without skipped or focused tests.
 */
export async function checkClaims(): Promise<{ checked: number; problems: string[] }> {
  const root = repoRoot();
  const { claims } = JSON.parse(readFileSync(path.join(root, claimsIndexPath), 'utf8')) as {
    claims: Claim[];
  };
  const packages = [
    ...new Set(claims.flatMap((claim) => claim.tests.map((t) => packageOf(t.file)))),
  ];
  const runByNpmTest = new Map<string, string[]>();
  await Promise.all(
    packages.map(async (dir) => {
      const manifest = JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
      // The root `npm test` runs turbo's `test` task: every package with a test script.
      runByNpmTest.set(dir, manifest.scripts?.test ? await testFilesOf(dir) : []);
    }),
  );

  const problems: string[] = [];
  let checked = 0;
  for (const claim of claims) {
    const where = `"${claim.claim}" (${claim.lesson})`;
    const lesson = path.join(root, claim.lesson);
    if (!existsSync(lesson)) problems.push(`${where}: no lesson ${claim.lesson}`);
    else if (!headings(readFileSync(lesson, 'utf8')).includes(claim.section))
      problems.push(`${where}: the lesson has no section "${claim.section}"`);
    if (claim.tests.length === 0) problems.push(`${where}: no test proves it`);
    for (const test of claim.tests) {
      checked += 1;
      const file = path.join(root, test.file);
      if (!existsSync(file)) {
        problems.push(`${where}: ${test.file} does not exist`);
        continue;
      }
      if (!runByNpmTest.get(packageOf(test.file))?.includes(test.file)) {
        problems.push(`${where}: npm test does not run ${test.file}`);
        continue;
      }
      const source = readFileSync(file, 'utf8');
      if (!testTitles(source).includes(test.name))
        problems.push(`${where}: ${test.file} has no test named "${test.name}"`);
      const skipped = skipMarkers(source);
      if (skipped.length)
        problems.push(`${where}: ${test.file} skips or focuses tests (${skipped.join(', ')})`);
    }
  }
  return { checked, problems };
}
