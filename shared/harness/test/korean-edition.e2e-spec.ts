import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { listChapters, repoRoot } from '../src';
import { driftBetween, type Drift, type DriftKind } from './korean-edition-drift';

const root = repoRoot();

/**
 * Chapters whose Korean lesson is not written yet. Once a chapter has its
 * README.ko.md, take it off this list (the last test says so): from then on it must stay.
 */
const koreanLessonsUnderWay = new Set<string>();

/** Every folder whose README.md is a page of the course: the root, each chapter, each shared package. */
const lessonFolders = [
  root,
  ...listChapters().map((chapter) => path.join(root, 'chapters', chapter)),
  ...readdirSync(path.join(root, 'shared')).map((name) => path.join(root, 'shared', name)),
].filter((folder) => existsSync(path.join(folder, 'README.md')));

const pairs = lessonFolders
  .filter((folder) => existsSync(path.join(folder, 'README.ko.md')))
  .map((folder) => ({
    page: path.relative(root, path.join(folder, 'README.ko.md')),
    english: readFileSync(path.join(folder, 'README.md'), 'utf8'),
    korean: readFileSync(path.join(folder, 'README.ko.md'), 'utf8'),
  }));

const explain = (page: string) => (drift: Drift) => `${page}, ${drift.where}: ${drift.problem}`;
const driftsOfKind = (pair: (typeof pairs)[number], kinds: DriftKind[]) =>
  driftBetween(pair.english, pair.korean)
    .filter((drift) => kinds.includes(drift.kind))
    .map(explain(pair.page));

describe('the Korean edition of the course (README.ko.md beside each README.md)', () => {
  it('the root and every chapter have a Korean lesson, apart from those still being written', () => {
    const missing = [root, ...listChapters().map((chapter) => path.join(root, 'chapters', chapter))]
      .filter((folder) => !koreanLessonsUnderWay.has(path.basename(folder)))
      .filter((folder) => !existsSync(path.join(folder, 'README.ko.md')))
      .map(
        (folder) =>
          `${path.relative(root, path.join(folder, 'README.ko.md')) || 'README.ko.md'} is missing: translate ${path.relative(root, path.join(folder, 'README.md')) || 'README.md'}`,
      );

    expect(missing).toEqual([]);
  });

  it('a chapter listed as still being written has no Korean lesson yet (take it off the list once it has)', () => {
    const finished = [...koreanLessonsUnderWay]
      .filter((chapter) => existsSync(path.join(root, 'chapters', chapter, 'README.ko.md')))
      .map(
        (chapter) =>
          `chapters/${chapter}/README.ko.md exists: remove "${chapter}" from koreanLessonsUnderWay so it is checked like the others`,
      );
    const unknown = [...koreanLessonsUnderWay]
      .filter((chapter) => !listChapters().includes(chapter))
      .map((chapter) => `koreanLessonsUnderWay names "${chapter}", which is no chapter`);

    expect([...finished, ...unknown]).toEqual([]);
  });

  describe.each(pairs)('$page', (pair) => {
    it('links to its English lesson, and the English lesson links to it, at the top', () => {
      expect(driftsOfKind(pair, ['language link'])).toEqual([]);
    });

    it("has the English lesson's sections: the same headings, at the same levels, in the same order", () => {
      expect(driftsOfKind(pair, ['sections'])).toEqual([]);
    });

    it('shows in each section the same code regions and measured figures (region and result markers)', () => {
      expect(driftsOfKind(pair, ['markers'])).toEqual([]);
    });

    it('shows in each section the same commands and code (comments may be translated)', () => {
      expect(driftsOfKind(pair, ['commands'])).toEqual([]);
    });

    it('translates each section in full: prose at least 40% of the English length, mostly Hangul', () => {
      expect(driftsOfKind(pair, ['translation'])).toEqual([]);
    });
  });

  it('a Korean edition that drifted is caught, and the message says where and what (the check can fail)', () => {
    const english = [
      '# Chapter 09 · Example',
      '',
      '[한국어](README.ko.md)',
      '',
      '## 1. The idea',
      '',
      'A session lives in the memory of the one server that created it, so the next request may land elsewhere.',
      '',
      '## 2. Run it',
      '',
      'Start the lab and read the share of requests that found their session: <!-- result:skew.share -->0.5<!-- /result -->.',
      '',
      '```sh',
      'npm start -- 09    # three servers behind a balancer',
      '```',
      '',
    ].join('\n');
    const korean = [
      '# 9장 · 예시',
      '',
      '## 1. 아이디어',
      '',
      '세션은 그 세션을 만든 서버 하나의 메모리에 있습니다. 그래서 다음 요청은 다른 서버로 갈 수 있습니다.',
      '',
      '## 2. 실행',
      '',
      'Start the lab and read the share of requests that found their session.',
      '',
      '```sh',
      'npm start -- 08    # 로드 밸런서 뒤의 서버 세 대',
      '```',
      '',
    ].join('\n');

    const drifts = driftBetween(english, korean).map(
      ({ kind, where, problem }) => `${kind} | ${where} | ${problem}`,
    );

    expect(drifts).toEqual([
      expect.stringMatching(
        /^language link \| top of README\.ko\.md \| no link to the English lesson/,
      ),
      'markers | "## 2. Run it" (Korean "2. 실행") | the Korean section lacks <!-- result:skew.share -->',
      'commands | "## 2. Run it" (Korean "2. 실행") | the Korean section lacks the sh line: npm start -- 09',
      'commands | "## 2. Run it" (Korean "2. 실행") | the Korean section has the sh line: npm start -- 08, which the English section does not',
      expect.stringMatching(
        /^translation \| "## 2\. Run it" .* \| only 0% of the Korean section's letters are Hangul/,
      ),
    ]);
    expect(driftBetween(english, korean.replace('## 2. 실행', '### 2. 실행'))).toContainEqual(
      expect.objectContaining({
        kind: 'sections',
        problem: expect.stringContaining('English "## 2. Run it", Korean "### 2. 실행"'),
      }),
    );
    expect(
      driftBetween(english, korean.replace(/세션은[^\n]*/, '세션은 메모리에.')),
    ).toContainEqual(
      expect.objectContaining({
        kind: 'translation',
        where: '"## 1. The idea" (Korean "1. 아이디어")',
        problem: expect.stringMatching(/translate all of it/),
      }),
    );
  });
});
