import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSlides } from '../scripts/lib/build-slides.mjs';
import { listDecks } from '../scripts/lib/decks.mjs';
import { languages } from '../scripts/lib/languages.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';

// Builds every deck as `npm run slides -- --no-pdf` does, into a scratch folder. Everything
// a deck says is in its HTML; the PDF is that HTML printed by Chromium, rendered and checked
// by `npm run test:full` (test/pdf.full-test.mjs).
describe('npm run slides', () => {
  let outDir;
  const scratch = useScratchDir('slides-build-');
  let result;
  beforeAll(() => {
    outDir = scratch();
    result = buildSlides({ outDir, pdf: false });
  }, 120_000);

  it.each(
    languages.map((language) => [language.name, path.join('dist', language.outSubdir), language]),
  )('renders every %s deck to HTML in %s', (_name, _dir, language) => {
    const built = result.decks.filter((deck) => deck.language === language.code);
    expect(built.map((deck) => deck.name)).toEqual(
      listDecks(language.sourceDir).map((deck) => path.basename(deck, '.md')),
    );
    for (const deck of built)
      expect(path.relative(outDir, deck.html)).toBe(
        path.join(language.outSubdir, `${deck.name}.html`),
      );
  });

  it('every HTML file exists', () => {
    for (const deck of result.decks)
      expect({ deck: deck.name, html: existsSync(deck.html) }).toEqual({
        deck: deck.name,
        html: true,
      });
  });

  it('every image in the HTML resolves to a file next to it (nothing broken in the browser)', () => {
    for (const deck of result.decks) {
      const html = readFileSync(deck.html, 'utf8');
      const images = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((match) => match[1]);
      const broken = images.filter(
        (src) => !existsSync(path.join(path.dirname(deck.html), decodeURI(src))),
      );
      expect({ deck: deck.name, broken }).toEqual({ deck: deck.name, broken: [] });
    }
  });

  it('the HTML carries the speaker notes for the presenter view', () => {
    for (const deck of result.decks) {
      const html = readFileSync(deck.html, 'utf8');
      const slides = html.match(/<section /g)?.length ?? 0;
      const notes = html.match(/class="bespoke-marp-note"/g)?.length ?? 0;
      expect({ deck: deck.name, notesForContentSlides: notes >= slides - 1 }).toEqual({
        deck: deck.name,
        notesForContentSlides: true,
      });
    }
  });

  it('no directive or result marker leaks into the slides as a comment', () => {
    for (const deck of result.decks) {
      const markdown = readFileSync(deck.markdown, 'utf8');
      expect(markdown).not.toMatch(/<!-- (code:|chart:|result:|\/result)/);
    }
  });

  it.each(languages.map((language) => [language.name, language]))(
    'the %s index.html links every deck of its language, and the index of every other language',
    (_name, language) => {
      const index = readFileSync(path.join(outDir, language.outSubdir, 'index.html'), 'utf8');
      for (const deck of result.decks.filter((deck) => deck.language === language.code))
        expect(index).toContain(`href="${deck.name}.html"`);
      for (const other of languages.filter((other) => other !== language)) {
        const target = path.relative(
          path.join(outDir, language.outSubdir),
          path.join(outDir, other.outSubdir, 'index.html'),
        );
        expect(index).toContain(`href="${target}" hreflang="${other.code}"`);
      }
    },
  );

  it('a Korean deck renders as Korean: its text, the lang attribute and the Korean theme', () => {
    const html = readFileSync(path.join(outDir, 'ko', '02-inconsistency.html'), 'utf8');
    expect(html).toContain('lang="ko"');
    expect(html).toContain('세션 불일치');
    expect(html).toMatch(/font-family:\s*['"]?NanumGothic/);
    expect(html).toContain('src="../images/ko/inconsistency.svg"');
  });
});
