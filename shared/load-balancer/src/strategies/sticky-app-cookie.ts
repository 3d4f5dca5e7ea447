import type { Strategy } from '../types';
import { roundRobin } from './round-robin';
import { chooseSticky, type StickyRequest } from './sticky-choice';

/** The cookie the chapter's servers set themselves: `server=<SERVER_ID>`. */
export const appServerCookie = 'server';

/** Server ids are short: letters, digits, - and _ (the same rule as the pool's). */
const serverIdShape = /^[A-Za-z0-9_-]{1,32}$/;

// #region sticky-app-cookie
/**
 * Application mode, the source's mechanism: the server puts its own id in a cookie
 * (`Set-Cookie: server=2`), the browser sends it back, and the balancer routes by it.
 * The balancer adds nothing to the response: a server that takes over sets its own id.
 */
export function stickyAppCookie(cookieName = appServerCookie): Strategy {
  const firstVisit = roundRobin();
  return {
    name: 'sticky-app-cookie',
    pick(context, candidates) {
      return chooseSticky(
        context,
        candidates,
        readServerId(context.cookies.get(cookieName)),
        firstVisit,
      );
    },
  };
}
// #endregion sticky-app-cookie

export function readServerId(value: string | undefined): StickyRequest {
  if (value === undefined) return { kind: 'none' };
  return serverIdShape.test(value) ? { kind: 'server', id: value } : { kind: 'invalid' };
}
