/** Reads what a learner would see on the chapter's HTML pages. */
export function hrefOf(html: string, id: string): string {
  const match = new RegExp(`id="${id}" href="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no link with id="${id}" on the page:\n${html}`);
  return unescapeHtml(match[1]);
}

export function formActions(html: string): string[] {
  return [...html.matchAll(/<form method="post" action="([^"]*)"/g)].map((m) => unescapeHtml(m[1]));
}

export function textOf(html: string, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html);
  if (!match) throw new Error(`no element with id="${id}" on the page`);
  return unescapeHtml(match[1]);
}

export function cartItems(html: string): string[] {
  const list = /<ul id="cart">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => unescapeHtml(m[1]));
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The id a URL carries as `;jsessionid=<id>`, or undefined. */
export function jsessionidOf(url: string): string | undefined {
  return /;jsessionid=([^;/?#]*)/.exec(url)?.[1];
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
