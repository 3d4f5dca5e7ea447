import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chapterDirFor, listDecks, repoRoot, slidesDir } from './decks.mjs';
import { chartReferences, chartTarget, expandDeck } from './expand.mjs';
import { findChromium, hasKoreanFont, runMarp } from './marp.mjs';
import { indexPage } from './index-page.mjs';
import { languages } from './languages.mjs';

/**
 * Expands every deck of every language (code regions, result figures) into outDir (a
 * translation into outDir/<code>/), renders it to HTML and, when Chromium is present and pdf
 * is not false, to PDF. Returns what it wrote; each deck names its language.
 */
export function buildSlides({
  outDir = path.join(slidesDir, 'dist'),
  pdf = true,
  log = () => {},
} = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // One images/ for every language: a translation's deck links ../images/<code>/….
  cpSync(path.join(slidesDir, 'images'), path.join(outDir, 'images'), { recursive: true });

  const decks = languages.flatMap((language) => {
    const languageDir = path.join(outDir, language.outSubdir);
    mkdirSync(path.join(languageDir, 'charts'), { recursive: true });
    return listDecks(language.sourceDir).map((source) => {
      const markdownSource = readFileSync(source, 'utf8');
      const expanded = expandDeck(markdownSource, {
        root: repoRoot,
        chapterDir: chapterDirFor(source),
      });
      for (const chart of chartReferences(markdownSource))
        cpSync(path.join(repoRoot, chart), path.join(languageDir, chartTarget(chart)));
      const markdown = path.join(languageDir, path.basename(source));
      writeFileSync(markdown, expanded);
      return { language: language.code, source, markdown, name: path.basename(source, '.md') };
    });
  });
  log(`expanded ${decks.length} decks (${languages.map((l) => l.code).join(', ')}) into ${outDir}`);

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

  const outputs = decks.map((deck) => {
    const base = path.join(path.dirname(deck.markdown), deck.name);
    return { ...deck, html: `${base}.html`, pdf: chromium ? `${base}.pdf` : undefined };
  });
  for (const language of languages)
    writeFileSync(
      path.join(outDir, language.outSubdir, 'index.html'),
      indexPage(
        outputs.filter((deck) => deck.language === language.code),
        language,
        languages,
      ),
    );
  return { outDir, decks: outputs, pdf: Boolean(chromium) };
}
