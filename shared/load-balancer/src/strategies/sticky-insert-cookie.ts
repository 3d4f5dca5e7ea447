import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { withoutCookie } from '../cookies';
import type { Strategy } from '../types';
import { roundRobin } from './round-robin';
import { chooseSticky, type StickyRequest } from './sticky-choice';

/** The balancer's own cookie, HAProxy's usual name for it. */
export const insertedServerCookie = 'SERVERID';

export interface StickyInsertOptions {
  cookieName?: string;
  /**
   * Key for the opaque values. Balancers that share it recognise each other's cookies;
   * a new random key (the default) means cookies from a previous run count as unknown.
   */
  secret?: string | Buffer;
}

const opaqueShape = /^[0-9a-f]{16}$/;

// #region sticky-insert-cookie
/**
 * Insert mode, like HAProxy's `cookie SERVERID insert indirect nocache`:
 * - insert: when the client has no valid cookie (or its server is down), the balancer
 *   adds `Set-Cookie: SERVERID=<opaque value>` to the response; the app sets nothing;
 * - indirect: the cookie is removed from the request before the app sees it;
 * - nocache: that response is marked `Cache-Control: private`, so a shared cache never
 *   stores one user's routing cookie and hands it to everybody.
 * The value is an HMAC of the server id: it reveals no id or address, and a client cannot forge one.
 */
export function stickyInsertCookie(options: StickyInsertOptions = {}): Strategy {
  const cookieName = options.cookieName ?? insertedServerCookie;
  const secret = options.secret ?? randomBytes(32);
  const valueFor = (serverId: string) =>
    createHmac('sha256', secret).update(serverId).digest('hex').slice(0, 16);
  const firstVisit = roundRobin();

  const read = (value: string | undefined, poolIds: readonly string[]): StickyRequest => {
    if (value === undefined) return { kind: 'none' };
    if (!opaqueShape.test(value)) return { kind: 'invalid' };
    const id = poolIds.find((serverId) => sameText(valueFor(serverId), value));
    return id === undefined ? { kind: 'invalid' } : { kind: 'server', id };
  };

  return {
    name: 'sticky-insert-cookie',
    pick(context, candidates) {
      return chooseSticky(
        context,
        candidates,
        read(context.cookies.get(cookieName), context.poolIds),
        firstVisit,
      );
    },
    beforeForward(_context, _decision, headers) {
      if (typeof headers.cookie !== 'string') return;
      const rest = withoutCookie(headers.cookie, cookieName);
      if (rest) headers.cookie = rest;
      else delete headers.cookie;
    },
    onResponse(context, decision, headers) {
      const sent = read(context.cookies.get(cookieName), context.poolIds);
      // The client's cookie already names the server that answered: nothing to change.
      if (sent.kind === 'server' && sent.id === decision.server.id) return;
      appendSetCookie(
        headers,
        `${cookieName}=${valueFor(decision.server.id)}; Path=/; HttpOnly; SameSite=Lax`,
      );
      markPrivate(headers);
    },
  };
}
// #endregion sticky-insert-cookie

function sameText(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function appendSetCookie(headers: OutgoingHttpHeaders, cookie: string): void {
  const existing = headers['set-cookie'];
  headers['set-cookie'] = [
    ...(existing === undefined ? [] : [existing].flat().map(String)),
    cookie,
  ];
}

/** Adds `private` unless the response already keeps shared caches away. */
function markPrivate(headers: OutgoingHttpHeaders): void {
  const current = String(headers['cache-control'] ?? '');
  if (/\b(private|no-store)\b/i.test(current)) return;
  headers['cache-control'] = current ? `${current}, private` : 'private';
}
