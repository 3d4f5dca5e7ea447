/** The name=value pairs of a Cookie header, in order (no decoding: we only move them around). */
export function cookiePairs(header: string | undefined): Array<[string, string]> {
  if (!header) return [];
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    });
}

export function hasCookie(header: string | undefined, name: string): boolean {
  return cookiePairs(header).some(([key]) => key === name);
}

/** The header without `name`, and with `name=value` when a value is given. */
export function replaceCookie(
  header: string | undefined,
  name: string,
  value?: string,
): string | undefined {
  const pairs = cookiePairs(header).filter(([key]) => key !== name);
  if (value !== undefined) pairs.push([name, value]);
  return pairs.length ? pairs.map(([key, v]) => `${key}=${v}`).join('; ') : undefined;
}
