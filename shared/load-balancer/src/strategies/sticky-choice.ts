import type { BackendServer, RouteContext, RouteDecision, Strategy } from '../types';

/** What a sticky cookie asked for, once read: nothing, a server id, or a value that names no server. */
export type StickyRequest = { kind: 'none' } | { kind: 'server'; id: string } | { kind: 'invalid' };

// #region sticky-choice
/**
 * The part both sticky modes share. A cookie only ever selects among `candidates`
 * (healthy servers of the pool): a forged, unknown or malformed value is counted and
 * treated as no cookie, so the client gets a server the usual way, never an address it chose.
 */
export function chooseSticky(
  context: RouteContext,
  candidates: readonly BackendServer[],
  wanted: StickyRequest,
  fallback: Strategy,
): RouteDecision {
  if (wanted.kind === 'server') {
    const named = candidates.find((server) => server.id === wanted.id);
    if (named) return { server: named, reason: 'sticky' };
    if (context.poolIds.includes(wanted.id)) {
      // Its server is down: another one takes the request, and it has no session for it.
      context.count('sticky-server-down');
      return { server: fallback.pick(context, candidates).server, reason: 'sticky-server-down' };
    }
  }
  if (wanted.kind !== 'none') {
    context.count('invalid-sticky-cookie');
    return { server: fallback.pick(context, candidates).server, reason: 'invalid-sticky-cookie' };
  }
  return { server: fallback.pick(context, candidates).server, reason: 'new-sticky' };
}
// #endregion sticky-choice
