#!/usr/bin/env node
// npm run slides: expands the decks (code from chapter regions, figures from results JSON)
// into slides/dist/ and renders HTML, plus PDF when Chromium is present.
//   node scripts/build.mjs            HTML and PDF
//   node scripts/build.mjs --no-pdf   HTML only
import path from 'node:path';
import { buildSlides } from './lib/build-slides.mjs';

const started = Date.now();
try {
  const result = buildSlides({
    pdf: !process.argv.includes('--no-pdf'),
    log: (line) => console.log(`slides: ${line}`),
  });
  for (const deck of result.decks)
    console.log(`  ${path.relative(process.cwd(), deck.html)}${deck.pdf ? ` + .pdf` : ''}`);
  console.log(
    `slides: open ${path.relative(process.cwd(), path.join(result.outDir, 'index.html'))} (press P for speaker notes) · ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`slides: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
