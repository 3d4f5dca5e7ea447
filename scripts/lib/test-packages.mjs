// The workspace packages (from the root package.json), with their scripts and how many test
// files they hold.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const testFile = /\.(spec|e2e-spec|full-spec)\.ts$|\.(test|full-test)\.mjs$/;

function countTestFiles(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    if (entry.isDirectory()) count += countTestFiles(path.join(dir, entry.name));
    else if (testFile.test(entry.name)) count += 1;
  }
  return count;
}

/**
 * @returns {Array<{ name: string, dir: string, relativeDir: string, scripts: Record<string, string>, testFiles: number, changesHostNetwork: boolean, usesBrowser: boolean }>}
 *   the last two from the package's "sessionsTests" (see test-schedule.mjs)
 */
export function testPackages(repoRoot) {
  const { workspaces } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(path.join(repoRoot, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(pattern.slice(0, -2), entry.name))
      : [pattern],
  );
  return dirs
    .filter((dir) => existsSync(path.join(repoRoot, dir, 'package.json')))
    .map((relativeDir) => {
      const dir = path.join(repoRoot, relativeDir);
      const {
        name,
        scripts = {},
        sessionsTests = {},
      } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      return {
        name,
        dir,
        relativeDir,
        scripts,
        testFiles: countTestFiles(dir),
        changesHostNetwork: sessionsTests.changesHostNetwork === true,
        usesBrowser: sessionsTests.usesBrowser === true,
      };
    });
}
