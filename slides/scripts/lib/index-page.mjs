import { readFileSync } from 'node:fs';
import escape from 'escape-html';

/** The deck's title: its first `# ` heading. */
function titleOf(markdown) {
  return readFileSync(markdown, 'utf8').match(/^# (.+)$/m)?.[1] ?? markdown;
}

/**
 * dist/index.html (and dist/<code>/index.html for a translation): one line per deck, so an
 * instructor opens one page and picks, and a line linking the same page in every language.
 */
export function indexPage(decks, language, languages) {
  const rows = decks
    .map((deck) => {
      const pdf = deck.pdf ? ` · <a href="${deck.name}.pdf">PDF</a>` : '';
      return `<li><a href="${deck.name}.html">${escape(titleOf(deck.markdown))}</a>${pdf}</li>`;
    })
    .join('\n      ');
  const up = language.outSubdir ? '../' : '';
  const switcher = languages
    .map((other) =>
      other === language
        ? `<strong>${other.name}</strong>`
        : `<a href="${up}${other.outSubdir ? `${other.outSubdir}/` : ''}index.html" hreflang="${other.code}">${other.name}</a>`,
    )
    .join(' / ');
  return `<!doctype html>
<html lang="${language.code}">
  <head>
    <meta charset="utf-8" />
    <title>${language.index.title}</title>
    <style>
      body { font: 20px/1.6 system-ui, 'NanumGothic', sans-serif; max-width: 48rem; margin: 3rem auto; word-break: keep-all; }
    </style>
  </head>
  <body>
    <p class="languages">${switcher}</p>
    <h1>${language.index.title}</h1>
    <p>${language.index.help}</p>
    <ol start="0">
      ${rows}
    </ol>
  </body>
</html>
`;
}
