#!/usr/bin/env node
// `npm run exercise -- --list | <id> | --verify`: the exercises' one workflow.
import path from 'node:path';
import { exerciseUsage, parseExerciseArguments, runCommand } from './arguments.mjs';
import { findExercises, selectExercise } from './catalog.mjs';
import { readOutcome } from './jest-outcome.mjs';
import { buildPackages, runJest } from './processes.mjs';
import { verifyAll } from './verify.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const bullets = (lines) => lines.map((line) => `  - ${line.replace(/\n/g, '\n    ')}`).join('\n');

async function check(id) {
  const exercise = selectExercise(findExercises(root), id);
  console.log(`Exercise ${exercise.id}: ${exercise.title}\nBuilding the chapter ...`);
  const build = await buildPackages(root, [exercise.chapterPackage]);
  if (build.status !== 0) {
    console.log(
      `\nThe chapter does not build, so the check cannot run yet. The build says:\n\n${build.output.trim()}`,
    );
    return 1;
  }
  console.log('Running the check ...');
  const { report, output } = await runJest(root, exercise.chapterDir, [exercise.checkFile]);
  const outcome = readOutcome(report, path.relative(root, exercise.checkFile));
  if (outcome.kind === 'passed') {
    console.log(`\nDone: exercise ${exercise.id}'s check passes.`);
    return 0;
  }
  if (outcome.kind === 'failing') {
    console.log(`\nNot done yet. What is still missing:\n${bullets(outcome.missing)}`);
  } else {
    const detail = outcome.problem || output.trim().split('\n').slice(-30).join('\n');
    console.log(
      `\nThe check could not run to the end, so it says nothing about your change yet:\n${bullets([detail])}`,
    );
  }
  if (exercise.hints.length > 0) console.log(`\nHints:\n${bullets(exercise.hints)}`);
  console.log(`\nThe reference solution: npm run solution -- ${exercise.id}`);
  return 1;
}

async function main() {
  const command = parseExerciseArguments(process.argv.slice(2));
  if (command.mode === 'help') {
    console.log(exerciseUsage);
    return 0;
  }
  if (command.mode === 'list') {
    for (const { id, title } of findExercises(root)) console.log(`${id}  ${title}`);
    return 0;
  }
  if (command.mode === 'verify') return (await verifyAll(root, command.chapter)) === 0 ? 0 : 1;
  return check(command.id);
}

await runCommand(main);
