// --verify: every exercise's check fails on the untouched chapter by its own assertion,
// passes with its solution, and the chapter's own tests pass with all its solutions applied.
// A solution may change the chapters whose servers its chapter runs (chapter 06 runs chapter
// 04's and 05's): then those chapters' tests must pass with it too. A chapter's solutions are
// applied together with each other, never with another chapter's: chapter 06's solutions
// start from chapters 04 and 05 as they ship, not from their exercises' solutions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findExercises, groupByChapter } from './catalog.mjs';
import { readOutcome } from './jest-outcome.mjs';
import { applyPatch, chaptersTouchedBy, filesTouchedBy } from './patch.mjs';
import { buildPackages, run, runJest } from './processes.mjs';
import { createScratchCopy } from './scratch-copy.mjs';

const tail = (text, lines = 30) => text.trim().split('\n').slice(-lines).join('\n');
const indent = (text) => text.replace(/^/gm, '      ');

function outcomeOf(report, root, exercise) {
  return readOutcome(report, path.relative(root, exercise.checkFile));
}

/** The chapter packages a solution changes, or a sentence saying what it touches that it may not. */
function touchedPackages(root, exercise) {
  const files = filesTouchedBy(readFileSync(exercise.patchFile, 'utf8'));
  const touched = chaptersTouchedBy(files, exercise.patchableChapters);
  if ('problem' in touched) return touched;
  const packages = touched.chapters.map(
    (chapter) =>
      JSON.parse(readFileSync(path.join(root, 'chapters', chapter, 'package.json'))).name,
  );
  return { packages: [...new Set([exercise.chapterPackage, ...packages])] };
}

/** One exercise with its solution applied alone: builds, and its check passes. */
async function verifyWithSolution(root, exercise, packages) {
  const notApplied = await applyPatch(root, exercise.patchFile);
  if (notApplied) return `its solution.patch does not apply:\n${indent(notApplied)}`;
  try {
    const build = await buildPackages(root, packages);
    if (build.status !== 0)
      return `the chapter does not build with its solution:\n${indent(tail(build.output))}`;
    const { report, output } = await runJest(root, exercise.chapterDir, [exercise.checkFile]);
    const outcome = outcomeOf(report, root, exercise);
    if (outcome.kind === 'passed') return undefined;
    if (outcome.kind === 'failing')
      return `its check still fails with its solution:\n${indent(outcome.missing.join('\n'))}`;
    return `its check does not run with its solution: ${outcome.problem || tail(output)}`;
  } finally {
    await applyPatch(root, exercise.patchFile, { reverse: true });
  }
}

/**
 * The chapter's own tests with every solution of the chapter applied together, and the tests
 * of every other chapter those solutions change.
 */
async function verifyChapterTests(root, exercises, packages) {
  const applied = [];
  try {
    for (const exercise of exercises) {
      const notApplied = await applyPatch(root, exercise.patchFile);
      if (notApplied)
        return `the solutions do not apply together (${exercise.id} after ${applied.map((e) => e.id).join(', ')}):\n${indent(notApplied)}`;
      applied.push(exercise);
    }
    const build = await buildPackages(root, packages);
    if (build.status !== 0)
      return `the chapter does not build with all its solutions:\n${indent(tail(build.output))}`;
    for (const name of packages) {
      const tests = await run('npm', ['test', '--silent', '-w', name], { cwd: root });
      if (tests.status !== 0)
        return `${name === exercises[0].chapterPackage ? 'its' : `${name}'s`} tests fail with all its solutions applied:\n${indent(tail(tests.output, 40))}`;
    }
    return undefined;
  } finally {
    for (const exercise of applied.reverse())
      await applyPatch(root, exercise.patchFile, { reverse: true });
  }
}

/**
 * @param {string} [chapter] only this chapter's exercises ("02"), else all of them
 * @returns {Promise<number>} the number of problems found
 */
export async function verifyAll(repoRoot, chapter, log = console.log) {
  const started = Date.now();
  const scratch = await createScratchCopy(repoRoot);
  let problems = 0;
  let count = 0;
  const report = (ok, label, detail) => {
    if (!ok) problems += 1;
    log(`${ok ? 'ok  ' : 'FAIL'} ${label}${detail ? `: ${detail}` : ''}`);
  };
  try {
    const root = scratch.root;
    const exercises = findExercises(root).filter(
      (exercise) => chapter === undefined || exercise.id.startsWith(`${chapter}.`),
    );
    if (exercises.length === 0) {
      report(false, 'verify', `no exercises${chapter ? ` in chapter ${chapter}` : ''}`);
      return problems;
    }
    count = exercises.length;
    const chapters = groupByChapter(exercises);
    log(`Verifying ${count} exercises in a scratch copy (${root})`);
    const build = await buildPackages(root, [...new Set(exercises.map((e) => e.chapterPackage))]);
    if (build.status !== 0) {
      report(false, 'build', `the untouched chapters do not build:\n${indent(tail(build.output))}`);
      return problems;
    }
    for (const group of chapters) {
      const chapterPackages = new Set([group[0].chapterPackage]);
      const scoped = [];
      for (const exercise of group) {
        const touched = touchedPackages(root, exercise);
        if ('problem' in touched) {
          report(
            false,
            `${exercise.id} ${exercise.title}`,
            `its solution.patch ${touched.problem}`,
          );
          continue;
        }
        for (const name of touched.packages) chapterPackages.add(name);
        scoped.push({ exercise, packages: touched.packages });
      }
      // Untouched: one jest run for all the chapter's checks.
      const untouched = await runJest(
        root,
        group[0].chapterDir,
        group.map((e) => e.checkFile),
      );
      for (const exercise of group) {
        const label = `${exercise.id} ${exercise.title}`;
        const before = outcomeOf(untouched.report, root, exercise);
        if (before.kind === 'passed') {
          report(false, label, 'its check already passes on the untouched chapter');
          continue;
        }
        if (before.kind === 'broken') {
          report(
            false,
            label,
            `its check does not run on the untouched chapter: ${before.problem || tail(untouched.output)}`,
          );
          continue;
        }
        const { packages } = scoped.find((entry) => entry.exercise === exercise) ?? {};
        if (!packages) continue; // its patch's scope was already reported
        const problem = await verifyWithSolution(root, exercise, packages);
        report(!problem, label, problem ?? 'fails untouched, passes with its solution');
      }
      const chapterName = path.basename(group[0].chapterDir);
      const tested = [...chapterPackages];
      const problem = await verifyChapterTests(root, group, tested);
      const others = tested.slice(1);
      report(
        !problem,
        `chapter ${chapterName}`,
        problem ??
          `its tests${others.length ? ` and ${others.join(', ')}'s` : ''} pass with all ${group.length} solutions applied`,
      );
    }
    return problems;
  } catch (error) {
    report(false, 'verify', error.message);
    return problems;
  } finally {
    scratch.remove();
    const seconds = Math.round((Date.now() - started) / 1000);
    log(
      `\n${count} exercises, ${problems === 0 ? 'no problems' : `${problems} problem(s)`} (${seconds} s)`,
    );
  }
}
