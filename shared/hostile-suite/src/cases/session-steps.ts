import { sign } from 'cookie-signature';
import { sendFetch } from '../send/fetch-http';
import type { RawReply } from '../send/raw-http';
import type { CaseContext } from './hostile-case';

/** Routing cookies (chapter 03) are not the session cookie. */
const routingCookies = new Set(['server', 'SERVERID']);

export interface LoggedIn {
  /** The session cookie's name and its value exactly as the server set it (URL-encoded, signed). */
  cookieName: string;
  cookieValue: string;
  /** The Cookie header a browser would send back. */
  cookie: string;
  sessionId: string;
}

/** POST /login straight to the target, as a browser would, and keep the session cookie. */
export async function logIn(context: CaseContext, userid: string): Promise<LoggedIn> {
  const reply = await sendFetch(`${context.baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userid }),
  });
  const body = parseJson<{ sessionId?: string }>(reply);
  const setCookie = (reply.headers['set-cookie'] ?? [])
    .map((line) => line.split(';')[0])
    .find((pair) => !routingCookies.has(pair.split('=')[0]));
  if (reply.status !== 200 || !body?.sessionId || !setCookie)
    throw new Error(`logging in as ${userid} failed: ${reply.status} ${reply.body.slice(0, 200)}`);
  const [cookieName, cookieValue] = setCookie.split(/=(.*)/s);
  return { cookieName, cookieValue, cookie: setCookie, sessionId: body.sessionId };
}

export function me(context: CaseContext, headers: Record<string, string> = {}, path = '/me') {
  return sendFetch(`${context.baseUrl}${path}`, { headers });
}

/** express-session's signed cookie value for an id, made with the lab's own secret. */
export function signedCookieValue(id: string, secret: string): string {
  return encodeURIComponent(`s:${sign(id, secret)}`);
}

/** An id of express-session's shape (32 base64url characters) that no server ever issued. */
export function neverIssuedId(): string {
  return 'Attacker0Chosen0Id0000000000000A';
}

export function parseJson<T>(reply: RawReply): T | undefined {
  try {
    return JSON.parse(reply.body) as T;
  } catch {
    return undefined;
  }
}

export function useridOf(reply: RawReply): string | null | undefined {
  return parseJson<{ userid?: string | null }>(reply)?.userid;
}
