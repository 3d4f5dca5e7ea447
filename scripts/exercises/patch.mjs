// A solution.patch: which files it touches, and applying it with git.
import { run } from './processes.mjs';

/** The repository paths a `git diff` touches (both sides of a rename), without duplicates. */
export function filesTouchedBy(patchText) {
  const files = new Set();
  let inHeader = false; // file names are read in a file's header, never from its hunks' lines
  for (const line of patchText.split('\n')) {
    if (line.startsWith('diff --git ')) inHeader = true;
    else if (line.startsWith('@@')) inHeader = false;
    const match = inHeader && /^(?:---|\+\+\+) (?:a|b)\/(.+)$/.exec(line);
    if (match) files.add(match[1].trim());
  }
  return [...files];
}

/**
 * The chapter folders whose files a patch touches, or a sentence saying which file lies
 * outside the code (`src/`, `lab/`) of the chapters it may change.
 * @returns {{ chapters: string[] } | { problem: string }}
 */
export function chaptersTouchedBy(files, patchableChapters) {
  const chapters = new Set();
  for (const file of files) {
    const match = /^chapters\/([^/]+)\/(?:src|lab)\//.exec(file);
    if (!match || !patchableChapters.includes(match[1]))
      return {
        problem: `it touches ${file}: a solution changes only the src/ (or lab/) of ${patchableChapters.map((chapter) => `chapters/${chapter}`).join(' or ')}`,
      };
    chapters.add(match[1]);
  }
  return { chapters: [...chapters] };
}

/** Files among `files` with local changes (modified, staged or untracked), per `git status`. */
export async function filesWithLocalChanges(root, files) {
  if (files.length === 0) return [];
  const { status, output } = await run('git', ['status', '--porcelain', '--', ...files], {
    cwd: root,
  });
  if (status !== 0) throw new Error(`git status failed:\n${output}`);
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}

/** Applies (or with reverse, takes back) a patch; resolves to git's output when it fails. */
export async function applyPatch(root, patchFile, { reverse = false } = {}) {
  const args = ['apply', '--whitespace=nowarn', ...(reverse ? ['-R'] : []), patchFile];
  const { status, output } = await run('git', args, { cwd: root });
  return status === 0 ? undefined : output.trim();
}
