import { readFileSync } from 'node:fs';
import escape from 'escape-html';

/** The deck's title: its first `# ` heading. */
function titleOf(markdown) {
  return readFileSync(markdown, 'utf8').match(/^# (.+)$/m)?.[1] ?? markdown;
}

/** slides/dist/index.html: one line per deck, so an instructor opens one page and picks. */
export function indexPage(decks) {
  const rows = decks
    .map((deck) => {
      const pdf = deck.pdf ? ` · <a href="${deck.name}.pdf">PDF</a>` : '';
      return `<li><a href="${deck.name}.html">${escape(titleOf(deck.markdown))}</a>${pdf}</li>`;
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Sessions at scale · slides</title>
    <style>
      body { font: 20px/1.6 system-ui, sans-serif; max-width: 48rem; margin: 3rem auto; }
    </style>
  </head>
  <body>
    <h1>Sessions at scale · slides</h1>
    <p>Open a deck, press <kbd>P</kbd> for the presenter view with speaker notes, <kbd>F</kbd> for full screen.</p>
    <ol start="0">
      ${rows}
    </ol>
  </body>
</html>
`;
}
