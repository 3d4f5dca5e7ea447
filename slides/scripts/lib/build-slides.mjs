import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chapterDirFor, listDecks, repoRoot, slidesDir } from './decks.mjs';
import { chartReferences, chartTarget, expandDeck } from './expand.mjs';
import { findChromium, hasKoreanFont, runMarp } from './marp.mjs';
import { indexPage } from './index-page.mjs';

/**
 * Expands every deck (code regions, result figures) into outDir, renders it to HTML and,
 * when Chromium is present and pdf is not false, to PDF. Returns what it wrote.
 */
export function buildSlides({
  outDir = path.join(slidesDir, 'dist'),
  pdf = true,
  log = () => {},
} = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(path.join(slidesDir, 'images'), path.join(outDir, 'images'), { recursive: true });

  const decks = listDecks().map((source) => {
    const markdownSource = readFileSync(source, 'utf8');
    const expanded = expandDeck(markdownSource, {
      root: repoRoot,
      chapterDir: chapterDirFor(source),
    });
    for (const chart of chartReferences(markdownSource))
      cpSync(path.join(repoRoot, chart), path.join(outDir, chartTarget(chart)));
    const markdown = path.join(outDir, path.basename(source));
    writeFileSync(markdown, expanded);
    return { source, markdown, name: path.basename(source, '.md') };
  });
  log(`expanded ${decks.length} decks into ${outDir}`);

  runMarp(decks.map((deck) => deck.markdown));
  log('rendered HTML');

  const chromium = pdf ? findChromium() : undefined;
  if (pdf && !chromium)
    log('no Chromium found (set CHROME_PATH or apt-get install chromium): HTML only, no PDF');
  if (chromium) {
    if (!hasKoreanFont())
      log(
        'warning: no Korean font installed, the PDF shows boxes for 한글 (apt-get install fonts-nanum)',
      );
    runMarp(
      decks.map((deck) => deck.markdown),
      { pdf: true, chromium },
    );
    log(`rendered PDF with ${chromium}`);
  }

  const outputs = decks.map((deck) => ({
    ...deck,
    html: path.join(outDir, `${deck.name}.html`),
    pdf: chromium ? path.join(outDir, `${deck.name}.pdf`) : undefined,
  }));
  writeFileSync(path.join(outDir, 'index.html'), indexPage(outputs));
  return { outDir, decks: outputs, pdf: Boolean(chromium) };
}
