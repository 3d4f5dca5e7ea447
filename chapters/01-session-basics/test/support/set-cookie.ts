import { parseSetCookie, type SetCookie } from 'cookie';

/** The session cookie a response sets (value URL-decoded), or undefined when it sets none. */
export function sessionSetCookie(headers: Headers, name = 'sid'): SetCookie | undefined {
  return headers
    .getSetCookie()
    .map((line) => parseSetCookie(line))
    .find((cookie) => cookie.name === name);
}
