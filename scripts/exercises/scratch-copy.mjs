// A throwaway copy of the repository for --verify, so solutions are applied and taken back
// without ever touching the learner's working tree. The copy shares the installed packages
// through symlinks; only the course's own workspace links point into the copy.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import { run } from './processes.mjs';

/** Tracked and untracked (not ignored) files of the working tree, as they are now. */
async function workingTreeFiles(root) {
  const { status, output } = await run(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
    { cwd: root },
  );
  if (status !== 0) throw new Error(`git ls-files failed:\n${output}`);
  return [...new Set(output.split('\0'))].filter(
    (file) => file !== '' && existsSync(path.join(root, file)),
  );
}

function linkInstalledPackages(root, copy) {
  const installed = path.join(root, 'node_modules');
  const linked = path.join(copy, 'node_modules');
  mkdirSync(path.join(linked, '.cache'), { recursive: true });
  for (const entry of readdirSync(installed)) {
    if (entry === '.cache') continue;
    if (entry === '@sessions') {
      // Workspace links are relative (../../shared/harness): copied, they point into the copy.
      mkdirSync(path.join(linked, entry));
      for (const workspace of readdirSync(path.join(installed, entry))) {
        const target = readlinkSync(path.join(installed, entry, workspace));
        symlinkSync(target, path.join(linked, entry, workspace));
        // A workspace's own node_modules holds what npm could not hoist (another major of a
        // package the root has, e.g. cookie 1 beside express's cookie 0.7): shared too.
        const packageDir = path.resolve(installed, entry, target);
        const own = path.join(packageDir, 'node_modules');
        if (existsSync(own))
          symlinkSync(own, path.join(copy, path.relative(root, packageDir), 'node_modules'));
      }
      continue;
    }
    symlinkSync(path.join(installed, entry), path.join(linked, entry));
  }
}

/** @returns {Promise<{ root: string, remove: () => void }>} */
export async function createScratchCopy(root) {
  // Inside the repository (git ignores it), not in /tmp: TypeScript then reaches the linked
  // packages' real paths through the repository's node_modules, and its declaration output
  // stays portable. Not under node_modules either: jest never looks for tests there.
  const parent = mkdtempSync(path.join(root, 'exercise-verify-'));
  const remove = () => rmSync(parent, { recursive: true, force: true });
  try {
    const copy = path.join(parent, 'repo');
    for (const file of await workingTreeFiles(root))
      cpSync(path.join(root, file), path.join(copy, file), { recursive: true });
    linkInstalledPackages(root, copy);
    // A repository of its own, so git apply and turbo's hashing work as in a clone.
    const git = (...args) => run('git', args, { cwd: copy });
    for (const args of [
      ['init', '--quiet'],
      ['add', '--all'],
      [
        '-c',
        'user.name=verify',
        '-c',
        'user.email=verify@localhost',
        'commit',
        '--quiet',
        '--no-verify',
        '-m',
        'scratch copy',
      ],
    ]) {
      const { status, output } = await git(...args);
      if (status !== 0) throw new Error(`git ${args[0]} in the scratch copy failed:\n${output}`);
    }
    return { root: copy, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
