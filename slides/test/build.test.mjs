import { describe, it, expect, beforeAll } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSlides } from '../scripts/lib/build-slides.mjs';
import { listDecks } from '../scripts/lib/decks.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';

// Builds every deck as `npm run slides -- --no-pdf` does, into a scratch folder. Everything
// a deck says is in its HTML; the PDF is that HTML printed by Chromium, rendered and checked
// by `npm run test:full` (test/pdf.full-test.mjs).
describe('npm run slides', () => {
  const outDir = useScratchDir('slides-build-');
  let result;
  beforeAll(() => {
    result = buildSlides({ outDir: outDir(), pdf: false });
  }, 120_000);

  it('renders every deck to HTML', () => {
    expect(result.decks.map((deck) => deck.name)).toEqual(
      listDecks().map((deck) => path.basename(deck, '.md')),
    );
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
      const broken = images.filter((src) => !existsSync(path.join(outDir(), decodeURI(src))));
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

  it('index.html links every deck', () => {
    const index = readFileSync(path.join(outDir(), 'index.html'), 'utf8');
    for (const deck of result.decks) expect(index).toContain(`href="${deck.name}.html"`);
  });
});
