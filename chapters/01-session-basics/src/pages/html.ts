import escapeHtml from 'escape-html';

export { escapeHtml };

export function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
 body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
 code{background:#eef1f6;padding:.1rem .3rem;border-radius:.25rem;word-break:break-all}
 form{display:inline-block;margin:.2rem .6rem .2rem 0} dt{font-weight:600} dd{margin:0 0 .6rem}
 .note{color:#5a6478;font-size:.9rem}
</style></head>
<body>
${body}
</body></html>`;
}
