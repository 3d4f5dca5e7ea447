/**
 * Parses a Cookie header into name -> value. Malformed pairs are skipped and the first
 * occurrence of a name wins, as browsers send the most specific cookie first.
 */
export function parseCookies(header: string | string[] | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
  for (const pair of text.split(';')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const name = pair.slice(0, equals).trim();
    const value = pair.slice(equals + 1).trim();
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Removes one cookie from a Cookie header, keeping the others byte for byte. */
export function withoutCookie(header: string, name: string): string {
  return header
    .split(';')
    .filter((pair) => pair.split('=')[0].trim() !== name)
    .join(';')
    .trim();
}
