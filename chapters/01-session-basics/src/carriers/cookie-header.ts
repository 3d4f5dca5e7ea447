import { parseCookie, stringifyCookie, type Cookies } from 'cookie';

/** Values are moved around, never interpreted: no decoding on the way in or out. */
const asIs = { decode: (value: string) => value, encode: (value: string) => value };

/** The name=value pairs of a Cookie header (the first of a repeated name wins). */
export function cookiePairs(header: string | undefined): Cookies {
  return parseCookie(header ?? '', asIs);
}

export function hasCookie(header: string | undefined, name: string): boolean {
  return cookiePairs(header)[name] !== undefined;
}

/**
 * The header without `name`, and with `name=value` when a value is given. Pairs the cookie
 * syntax refuses are left out: the app reads only its own cookie.
 */
export function replaceCookie(
  header: string | undefined,
  name: string,
  value?: string,
): string | undefined {
  const others = Object.entries(cookiePairs(header)).filter(([key]) => key !== name);
  const pairs = value === undefined ? others : [...others, [name, value]];
  const kept = pairs.flatMap(([key, text]) => serialisable(key, text));
  return kept.length ? kept.join('; ') : undefined;
}

function serialisable(name: string, value: string | undefined): string[] {
  try {
    return [stringifyCookie({ [name]: value }, asIs)].filter(Boolean);
  } catch {
    return [];
  }
}
