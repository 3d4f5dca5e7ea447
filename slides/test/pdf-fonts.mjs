import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/**
 * The names of the fonts a PDF embeds, e.g. 'BAAAAA+NanumGothic'. Chromium's PDF keeps its
 * font dictionaries in compressed object streams, so this inflates every stream and reads
 * /BaseFont and /FontName from it: no pdffonts (poppler-utils) needed.
 */
export function embeddedFonts(file) {
  const bytes = readFileSync(file);
  const text = bytes.toString('latin1');
  const names = new Set();
  for (let at = text.indexOf('stream'); at >= 0; at = text.indexOf('stream', at)) {
    let body = at + 'stream'.length;
    if (text[body] === '\r') body += 1;
    if (text[body] === '\n') body += 1;
    const end = text.indexOf('endstream', body);
    if (end < 0) break;
    const content = inflated(bytes.subarray(body, end)) ?? '';
    for (const [, name] of content.matchAll(/\/(?:BaseFont|FontName)\s*\/([\w+-]+)/g))
      names.add(name);
    at = end + 'endstream'.length;
  }
  for (const [, name] of text.matchAll(/\/(?:BaseFont|FontName)\s*\/([\w+-]+)/g)) names.add(name);
  return [...names].sort();
}

/** A stream's content, or undefined for one that is not Flate-compressed (an image, say). */
function inflated(stream) {
  try {
    return inflateSync(stream).toString('latin1');
  } catch {
    return undefined;
  }
}
