import { describe, it, expect } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expandDeck } from '../scripts/lib/expand.mjs';
import { exampleSource } from './support/example-source.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';

describe('expanding a deck for Marp', () => {
  const scratch = useScratchDir('slides-expand-', {
    'chapters/09-example/src/store.ts': exampleSource,
    'chapters/09-example/results/lag.json': JSON.stringify({
      experiment: 'lag',
      date: '2026-11-25T18:00:00.000Z',
      machine: { cores: 2, node: 'v20.20.2' },
      parameters: {},
      figures: { p99Ms: 12.3456, lost: 3 },
    }),
  });
  const chapterDir = () => path.join(scratch(), 'chapters/09-example');
  const expand = (markdown) => expandDeck(markdown, { root: scratch(), chapterDir: chapterDir() });

  it('a code directive becomes a fenced block of the region, captioned with where it came from', () => {
    const out = expand('# Code\n\n<!-- code: chapters/09-example/src/store.ts#store -->\n');
    expect(out).toContain('```ts\nexport const store = new Map();\n```');
    expect(out).toContain('chapters/09-example/src/store.ts · #region store');
  });

  it('"without-doc" drops the leading doc comment and keeps the code', () => {
    const out = expand('<!-- code: chapters/09-example/src/store.ts#documented without-doc -->');
    expect(out).toContain('```ts\nexport const documented = 1;\n```');
    expect(out).not.toContain('Why this exists');
  });

  it("a chart directive shows the experiment's own SVG chart, copied into dist/charts", () => {
    writeFileSync(path.join(chapterDir(), 'results/lag.svg'), '<svg viewBox="0 0 10 10"></svg>');
    const out = expand('<!-- chart: chapters/09-example/results/lag.svg -->');
    expect(out).toContain('](charts/09-example-lag.svg)');
    expect(() => expand('<!-- chart: chapters/09-example/results/gone.svg -->')).toThrow(
      /chart chapters\/09-example\/results\/gone\.svg does not exist/,
    );
  });

  it('a result marker becomes the figure from the results JSON, rounded like the lessons', () => {
    const out = expand(
      'p99 <!-- result:lag.p99Ms -->1<!-- /result --> ms, lost <!-- result:lag.lost -->0<!-- /result -->',
    );
    expect(out).toBe('p99 12.35 ms, lost 3');
  });

  it('no directive or marker survives as an HTML comment (Marp would show it as a speaker note)', () => {
    const out = expand(
      '<!-- code: chapters/09-example/src/store.ts#store -->\n\n<!-- result:lag.lost -->3<!-- /result -->',
    );
    expect(out).not.toContain('<!--');
  });

  it('a marker for a figure the experiment did not write fails the build', () => {
    expect(() => expand('<!-- result:lag.p50Ms -->1<!-- /result -->')).toThrow(
      /no figure "p50Ms" in lag\.json \(figures: p99Ms, lost\)/,
    );
  });

  it('a marker for an experiment that has no results file fails the build', () => {
    expect(() => expand('<!-- result:failover.lost -->1<!-- /result -->')).toThrow(
      /failover\.json does not exist/,
    );
  });

  it('a directive naming a missing region fails the build', () => {
    expect(() => expand('<!-- code: chapters/09-example/src/store.ts#cache -->')).toThrow(
      /code region "cache" not found/,
    );
  });
});
