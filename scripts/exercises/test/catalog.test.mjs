import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  compareIds,
  ExerciseError,
  findExercises,
  groupByChapter,
  parseExercise,
  selectExercise,
} from '../catalog.mjs';

const valid = { id: '04.2', title: 'Delta replication', check: 'check.e2e-spec.ts', hints: ['a'] };

describe('an exercise.json', () => {
  it('is accepted with an id, a title, a check file and hints', () => {
    assert.deepEqual(parseExercise(valid, '04.2-delta'), valid);
  });
  it('is refused, naming the file, when its id does not look like 04.2', () => {
    assert.throws(() => parseExercise({ ...valid, id: '4.2' }, '4.2-delta'), /4\.2-delta.*"id"/);
  });
  it('is refused when its folder does not start with its id', () => {
    assert.throws(() => parseExercise(valid, '04.3-delta'), /folder must start with its id/);
  });
  it('is refused when the check is not an e2e spec or hints are not sentences', () => {
    assert.throws(() => parseExercise({ ...valid, check: 'check.ts' }, '04.2-x'), ExerciseError);
    assert.throws(() => parseExercise({ ...valid, hints: [1] }, '04.2-x'), /"hints"/);
  });
});

describe('exercise ids', () => {
  it('sort by chapter, then by number (01.2 before 01.10 before 02.1)', () => {
    assert.deepEqual(['02.1', '01.10', '01.2'].sort(compareIds), ['01.2', '01.10', '02.1']);
  });
});

describe('the catalogue of a repository', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'catalog-test-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const addExercise = (chapter, folder, manifest) => {
    const dir = path.join(root, 'chapters', chapter, 'exercises', folder);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(root, 'chapters', chapter, 'package.json'), `{"name":"@x/${chapter}"}`);
    writeFileSync(path.join(dir, 'exercise.json'), JSON.stringify(manifest));
  };
  addExercise('02-b', '02.1-one', { ...valid, id: '02.1' });
  addExercise('01-a', '01.2-two', { ...valid, id: '01.2' });
  addExercise('01-a', '01.1-one', { ...valid, id: '01.1' });
  mkdirSync(path.join(root, 'chapters', '03-c'), { recursive: true });

  it('lists every exercise in id order, with its chapter package and files', () => {
    const exercises = findExercises(root);
    assert.deepEqual(
      exercises.map((e) => e.id),
      ['01.1', '01.2', '02.1'],
    );
    assert.equal(exercises[0].chapterPackage, '@x/01-a');
    assert.equal(
      exercises[0].checkFile,
      path.join(root, 'chapters/01-a/exercises/01.1-one/check.e2e-spec.ts'),
    );
    assert.equal(
      exercises[0].patchFile,
      path.join(root, 'chapters/01-a/exercises/01.1-one/solution.patch'),
    );
  });
  it('lets a solution change its own chapter and the chapters its package depends on', () => {
    addExercise('03-c', '03.1-one', { ...valid, id: '03.1' });
    writeFileSync(
      path.join(root, 'chapters', '03-c', 'package.json'),
      '{"name":"@x/03-c","devDependencies":{"@x/01-a":"*","@x/other":"*"}}',
    );
    const byId = Object.fromEntries(findExercises(root).map((e) => [e.id, e]));
    assert.deepEqual(byId['03.1'].patchableChapters, ['03-c', '01-a']);
    assert.deepEqual(byId['01.1'].patchableChapters, ['01-a']);
    rmSync(path.join(root, 'chapters', '03-c'), { recursive: true });
    mkdirSync(path.join(root, 'chapters', '03-c'));
  });
  it('groups exercises by chapter, so a chapter is built once', () => {
    assert.deepEqual(
      groupByChapter(findExercises(root)).map((g) => g.map((e) => e.id)),
      [['01.1', '01.2'], ['02.1']],
    );
  });
  it('selects one by id, and names the known ids when the id is unknown', () => {
    assert.equal(selectExercise(findExercises(root), '02.1').id, '02.1');
    assert.throws(
      () => selectExercise(findExercises(root), '09.9'),
      /no exercise 09\.9.*01\.1, 01\.2, 02\.1/,
    );
  });
});
