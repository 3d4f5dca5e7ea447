#!/usr/bin/env node
// `npm run solution -- <id> [--apply]`: shows an exercise's reference solution, or applies it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSolutionArguments, runCommand } from './arguments.mjs';
import { findExercises, selectExercise } from './catalog.mjs';
import { applyPatch, filesTouchedBy, filesWithLocalChanges } from './patch.mjs';

const root = path.resolve(import.meta.dirname, '../..');

async function main() {
  const { id, apply } = parseSolutionArguments(process.argv.slice(2));
  const exercise = selectExercise(findExercises(root), id);
  const patch = readFileSync(exercise.patchFile, 'utf8');
  if (!apply) {
    process.stdout.write(patch);
    return 0;
  }
  const files = filesTouchedBy(patch);
  const changed = await filesWithLocalChanges(root, files);
  if (changed.length > 0) {
    console.error(
      [
        `Not applied: the solution of ${id} touches files you have changed:`,
        ...changed.map((file) => `  ${file}`),
        'Keep your work first (git stash -u, or git commit), or take it back (git checkout -- <file>; delete a file you created).',
      ].join('\n'),
    );
    return 1;
  }
  const problem = await applyPatch(root, exercise.patchFile);
  if (problem) {
    console.error(
      `The solution of ${id} does not apply to this tree (already applied?):\n${problem}`,
    );
    return 1;
  }
  console.log(
    `Applied the solution of ${id} to:\n${files.map((file) => `  ${file}`).join('\n')}\nCheck it: npm run exercise -- ${id}`,
  );
  return 0;
}

await runCommand(main);
