import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseCookies } from '../cookies';
import { sendError, sendJson } from '../http-replies';
import type { ServerPool } from '../pool';

/** What the dashboard may read from a server: its two /__internal pages, nothing else. */
const views = new Set(['sessions', 'stats']);

/** A paused (SIGSTOP) server never answers: the dashboard must not wait for it. */
const viewTimeoutMs = 1500;

/** Enough sessions to fill a card; the total is always reported. */
const maxSessionsShown = 50;

/** Long enough to tell sessions apart on a card, too short to be replayed as a cookie. */
const sessionIdPrefixLength = 8;

interface SessionSummary {
  id: string;
  userid: string | null;
  cartSize: number;
  bytes: number;
}

/**
 * GET /__lb/servers/<id>/sessions and /__lb/servers/<id>/stats: the balancer reads a server's
 * /__internal page for the dashboard. Only servers of its own pool, found by id: the address
 * never comes from the request, so this is no way to reach anything else.
 */
export async function serveServerView(
  request: IncomingMessage,
  response: ServerResponse,
  pool: ServerPool,
  rest: string,
): Promise<void> {
  const [id, view, ...extra] = rest.split('/');
  const server = pool.get(id);
  if (!server || !views.has(view) || extra.length > 0) {
    return sendError(
      response,
      404,
      `no such server view: use /__lb/servers/<id>/sessions or /stats for a server of the pool (${pool
        .all()
        .map((s) => s.id)
        .join(', ')})`,
    );
  }
  let answer: Response;
  try {
    answer = await fetch(`${server.url}/__internal/${view}`, {
      signal: AbortSignal.timeout(viewTimeoutMs),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return sendError(
      response,
      timedOut ? 504 : 502,
      timedOut
        ? `server ${id} did not answer within ${viewTimeoutMs} ms (paused or overloaded)`
        : `server ${id} cannot be reached (not running)`,
    );
  }
  let body: Record<string, unknown>;
  try {
    body = (await answer.json()) as Record<string, unknown>;
  } catch {
    return sendError(response, 502, `server ${id} sent something other than JSON`);
  }
  if (!answer.ok) return sendJson(response, answer.status, body);
  sendJson(
    response,
    200,
    view === 'sessions' ? shortenSessions(body, ownSessionIds(request.headers.cookie)) : body,
  );
}

/**
 * The session ids in the viewer's own cookies. The dashboard shares its origin with the app,
 * so the browser sends the app's session cookie here too: express-session signs it as
 * `s:<id>.<signature>`. Used only to mark the viewer's own session as "you".
 */
function ownSessionIds(cookieHeader: string | string[] | undefined): Set<string> {
  const ids = new Set<string>();
  for (const value of parseCookies(cookieHeader).values()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      continue;
    }
    const signed = /^s:([^.]+)\./.exec(decoded);
    if (signed) ids.add(signed[1]);
  }
  return ids;
}

/** The dashboard is open to anyone who can reach the balancer: full session ids stay on the server. */
function shortenSessions(
  body: Record<string, unknown>,
  ownIds: ReadonlySet<string>,
): Record<string, unknown> {
  const sessions = Array.isArray(body.sessions) ? (body.sessions as SessionSummary[]) : [];
  return {
    ...body,
    total: sessions.length,
    // The newest ones (a store lists them in creation order), and always the viewer's own.
    sessions: sessions
      .filter(
        (session, index) =>
          index >= sessions.length - maxSessionsShown || ownIds.has(String(session.id)),
      )
      .map((session) => ({
        ...session,
        id: `${String(session.id).slice(0, sessionIdPrefixLength)}…`,
        yours: ownIds.has(String(session.id)),
      })),
  };
}
