import { parseCookie } from 'cookie';

/** Routing values are compared as the browser sent them, never URL-decoded. */
const asSent = (value: string): string => value;

/**
 * Parses a Cookie header into name -> value. The first occurrence of a name wins, as
 * browsers send the most specific cookie first; pairs without a name are skipped.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  const cookies = new Map<string, string>();
  for (const [name, value] of Object.entries(parseCookie(text, { decode: asSent }))) {
    if (name && value !== undefined) cookies.set(name, value);
  }
  return cookies;
}

/**
 * Removes one cookie from a Cookie header, keeping the others byte for byte. This edits the
 * header's text instead of parsing and serialising it: a balancer passes on what the browser
 * sent, even pairs a serialiser would refuse.
 */
export function withoutCookie(header: string, name: string): string {
  return header
    .split(';')
    .filter((pair) => pair.split('=')[0].trim() !== name)
    .join(';')
    .trim();
}
