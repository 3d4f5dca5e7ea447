// The exercises of the course: every chapters/*/exercises/*/exercise.json, in id order.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export class ExerciseError extends Error {}

const idPattern = /^(\d\d)\.(\d+)$/;

/**
 * Checks one exercise.json and says what is wrong in terms of the file, so an author sees
 * the mistake instead of a runner crash.
 * @param {unknown} manifest the parsed exercise.json
 * @param {string} folder the exercise's folder name, e.g. "04.2-delta-replication"
 */
export function parseExercise(manifest, folder) {
  const where = `exercise ${folder}/exercise.json`;
  if (typeof manifest !== 'object' || manifest === null)
    throw new ExerciseError(`${where}: expected a JSON object`);
  const { id, title, check, hints } = /** @type {Record<string, unknown>} */ (manifest);
  if (typeof id !== 'string' || !idPattern.test(id))
    throw new ExerciseError(`${where}: "id" must look like "04.2"`);
  if (!folder.startsWith(`${id}-`))
    throw new ExerciseError(`${where}: its folder must start with its id ("${id}-…")`);
  if (typeof title !== 'string' || title.trim() === '')
    throw new ExerciseError(`${where}: "title" is missing`);
  if (typeof check !== 'string' || !check.endsWith('.e2e-spec.ts'))
    throw new ExerciseError(`${where}: "check" must name a *.e2e-spec.ts file`);
  if (!Array.isArray(hints) || hints.some((hint) => typeof hint !== 'string'))
    throw new ExerciseError(`${where}: "hints" must be a list of sentences`);
  return { id, title, check, hints };
}

/** Orders "01.2" before "01.10" before "02.1". */
export function compareIds(a, b) {
  const [, chapterA, stepA] = idPattern.exec(a) ?? [];
  const [, chapterB, stepB] = idPattern.exec(b) ?? [];
  return Number(chapterA) - Number(chapterB) || Number(stepA) - Number(stepB);
}

/** Every chapter folder with a package.json: its package name and the packages it depends on. */
function chapterPackages(chaptersDir) {
  const chapters = new Map();
  for (const chapter of readdirSync(chaptersDir).sort()) {
    const manifestFile = path.join(chaptersDir, chapter, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    chapters.set(chapter, {
      name: manifest.name,
      uses: Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }),
    });
  }
  return chapters;
}

/**
 * @param {string} root the repository root
 * @returns {Array<{ id: string, title: string, check: string, hints: string[], dir: string,
 *   checkFile: string, patchFile: string, chapterDir: string, chapterPackage: string,
 *   patchableChapters: string[] }>} patchableChapters: the chapter folders whose src/ a
 *   solution may change: its own, and those of the chapters whose servers it runs (chapter 06
 *   has no server of its own: its exercises change chapter 04's or 05's)
 */
export function findExercises(root) {
  const exercises = [];
  const chaptersDir = path.join(root, 'chapters');
  const packages = chapterPackages(chaptersDir);
  for (const [chapter, { name: chapterPackage, uses }] of packages) {
    const exercisesDir = path.join(chaptersDir, chapter, 'exercises');
    if (!existsSync(exercisesDir)) continue;
    const chapterDir = path.join(chaptersDir, chapter);
    const patchableChapters = [
      chapter,
      ...[...packages].filter(([, other]) => uses.includes(other.name)).map(([folder]) => folder),
    ];
    for (const folder of readdirSync(exercisesDir)) {
      const manifestFile = path.join(exercisesDir, folder, 'exercise.json');
      if (!existsSync(manifestFile)) continue;
      let manifest;
      try {
        manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      } catch (error) {
        throw new ExerciseError(`exercise ${folder}/exercise.json: ${error.message}`);
      }
      const exercise = parseExercise(manifest, folder);
      const dir = path.join(exercisesDir, folder);
      exercises.push({
        ...exercise,
        dir,
        checkFile: path.join(dir, exercise.check),
        patchFile: path.join(dir, 'solution.patch'),
        chapterDir,
        chapterPackage,
        patchableChapters,
      });
    }
  }
  const ids = new Set();
  for (const { id } of exercises) {
    if (ids.has(id)) throw new ExerciseError(`two exercises have the id ${id}`);
    ids.add(id);
  }
  return exercises.sort((a, b) => compareIds(a.id, b.id));
}

/** The exercise with this id, or an error that lists the ones there are. */
export function selectExercise(exercises, id) {
  const found = exercises.find((exercise) => exercise.id === id);
  if (found) return found;
  const known = exercises.map((exercise) => exercise.id).join(', ');
  throw new ExerciseError(
    `There is no exercise ${id}. Exercises: ${known || 'none yet'} (npm run exercise -- --list).`,
  );
}

/** Exercises grouped by chapter folder, in order, so a chapter is built once for all of them. */
export function groupByChapter(exercises) {
  const groups = new Map();
  for (const exercise of exercises) {
    const group = groups.get(exercise.chapterDir) ?? [];
    group.push(exercise);
    groups.set(exercise.chapterDir, group);
  }
  return [...groups.values()];
}
