// The dependency rules of docs/ARCHITECTURE.md ("What may depend on what"), checked on every
// import, export-from, dynamic import() and require() of the source (the TypeScript compiler's
// own import scanner, so a comment or a string that looks like an import does not count).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from '../src';

const root = repoRoot();

/** Every .ts file under a folder, spec files included: a spec beside the code is part of it. */
function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** What a file imports, as written. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

interface Rule {
  /** The folder whose files the rule checks, relative to the repository. */
  folder: string;
  /** Why an import is refused, or undefined when it is allowed. */
  refuse: (specifier: string, resolved: string | undefined) => string | undefined;
}

/** Each broken rule as "file: import (why)". */
function brokenRules({ folder, refuse }: Rule): string[] {
  const broken: string[] = [];
  for (const file of sourceFiles(path.join(root, folder))) {
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const resolved = specifier.startsWith('.')
        ? path.relative(root, path.resolve(path.dirname(file), specifier))
        : undefined;
      const why = refuse(specifier, resolved);
      if (why) broken.push(`${path.relative(root, file)}: '${specifier}' (${why})`);
    }
  }
  return broken;
}

const coursePackage = /^@sessions\/([^/]+)/;

/** A chapter's app: course-app and npm packages only, and nothing outside its own src/. */
const chapterAppRule = (chapter: string): Rule => ({
  folder: `chapters/${chapter}/src`,
  refuse: (specifier, resolved) => {
    if (resolved !== undefined)
      return resolved.startsWith(`chapters/${chapter}/src`)
        ? undefined
        : 'outside the app: a lab, a test or another chapter';
    const course = coursePackage.exec(specifier)?.[1];
    if (course === undefined || course === 'course-app') return undefined;
    return `the app may use @sessions/course-app only, not @sessions/${course}`;
  },
});

/** A shared package that must not know the course around it: no @sessions/* at all. */
const standaloneRule = (name: string): Rule => ({
  folder: `shared/${name}/src`,
  refuse: (specifier, resolved) => {
    if (resolved !== undefined)
      return resolved.startsWith(`shared/${name}/`) ? undefined : `outside shared/${name}`;
    return coursePackage.test(specifier)
      ? `shared/${name} imports nothing of the course`
      : undefined;
  },
});

const chapters = readdirSync(path.join(root, 'chapters')).filter((name) => /^\d\d-/.test(name));
const chapterApps = chapters.filter((chapter) => {
  try {
    return readdirSync(path.join(root, 'chapters', chapter, 'src')).length > 0;
  } catch {
    return false; // a chapter without an app of its own (06 runs 04's and 05's servers)
  }
});

describe('what may depend on what (docs/ARCHITECTURE.md)', () => {
  it.each(chapterApps)(
    "chapter %s's app imports nothing of the harness, the labs or another chapter",
    (chapter) => {
      expect(brokenRules(chapterAppRule(chapter))).toEqual([]);
    },
  );

  it('the balancer imports nothing of the course: no harness, no chapter', () => {
    expect(brokenRules(standaloneRule('load-balancer'))).toEqual([]);
  });

  it('the course API imports nothing of the harness or a chapter', () => {
    expect(brokenRules(standaloneRule('course-app'))).toEqual([]);
  });

  it('the harness imports no chapter and not the lab catalog (it starts chapters as processes)', () => {
    const rule: Rule = {
      folder: 'shared/harness/src',
      refuse: (specifier, resolved) => {
        if (resolved !== undefined)
          return resolved.startsWith('shared/harness/') ? undefined : 'outside shared/harness';
        const course = coursePackage.exec(specifier)?.[1];
        return course === undefined || course === 'load-balancer'
          ? undefined
          : `the harness may use @sessions/load-balancer only, not @sessions/${course}`;
      },
    };
    expect(brokenRules(rule)).toEqual([]);
  });

  it('catches each kind of import a rule must see: import, export-from, import() and require()', () => {
    const text = [
      "import { startLab } from '@sessions/harness';",
      "export { lab } from '../lab/lab';",
      "const late = () => import('@sessions/chapter-04-clustering/lab');",
      "const old = require('@sessions/labs');",
      "// import { nothing } from '@sessions/bench';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      '@sessions/harness',
      '../lab/lab',
      '@sessions/chapter-04-clustering/lab',
      '@sessions/labs',
    ]);
    const rule = chapterAppRule('02-inconsistency');
    const refused = importsOf(text).map((specifier) =>
      rule.refuse(
        specifier,
        specifier.startsWith('.')
          ? path.relative(root, path.resolve(root, 'chapters/02-inconsistency/src', specifier))
          : undefined,
      ),
    );
    expect(refused.every((why) => why !== undefined)).toBe(true);
  });
});
