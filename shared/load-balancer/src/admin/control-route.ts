import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { sendError, sendJson } from '../http-replies';
import { readBody } from '../request-body';
import { isTrustedHost } from './trusted-host';

/**
 * A lab action the balancer cannot perform itself (it does not own the processes):
 * the launcher hands these in. The result is sent back as JSON.
 */
export type ControlHandler = (params: Record<string, unknown>) => Promise<unknown>;

/** Thrown by a handler whose parameters are wrong: the caller gets 400 and this message. */
export class ControlParamsError extends Error {}

export interface ControlOptions {
  token: string;
  handlers: Record<string, ControlHandler>;
}

/**
 * POST /__lb/control/<action>. Needs the launcher's token in `X-Lab-Token`, and a
 * same-origin request: a browser page elsewhere cannot drive the lab.
 */
export async function handleControl(
  request: IncomingMessage,
  response: ServerResponse,
  action: string,
  options: ControlOptions | undefined,
): Promise<void> {
  if (request.method !== 'POST')
    return sendError(response, 405, 'control actions are POST requests');
  if (!options || !options.token)
    return sendError(
      response,
      403,
      'this balancer has no controls (start it with the lab launcher)',
    );
  if (!isTrustedHost(request.headers.host))
    return sendError(
      response,
      403,
      'control actions answer only to http://localhost:<port> or an IP address (DNS rebinding guard)',
    );
  if (!isSameOrigin(request))
    return sendError(
      response,
      403,
      'control actions must come from the dashboard page itself (same origin)',
    );
  if (!tokenMatches(request.headers['x-lab-token'], options.token)) {
    return sendError(
      response,
      403,
      'a valid X-Lab-Token header is required: the launcher prints it',
    );
  }
  const handler = Object.hasOwn(options.handlers, action) ? options.handlers[action] : undefined;
  if (!handler) {
    return sendError(
      response,
      404,
      `unknown control "${action}"; known: ${Object.keys(options.handlers).join(', ')}`,
    );
  }
  let params: Record<string, unknown> = {};
  try {
    const body = await readBody(request, 16 * 1024);
    if (body.length > 0) params = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (typeof params !== 'object' || params === null || Array.isArray(params))
      throw new Error('not an object');
  } catch {
    return sendError(response, 400, 'the control body must be a JSON object of at most 16 KiB');
  }
  try {
    sendJson(response, 200, { ok: true, action, result: (await handler(params)) ?? null });
  } catch (error) {
    if (error instanceof ControlParamsError) return sendError(response, 400, error.message);
    sendError(response, 409, `control "${action}" failed: ${(error as Error).message}`);
  }
}

/** Browsers send Origin (and Sec-Fetch-Site) on every POST; a command-line client sends neither. */
function isSameOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function tokenMatches(sent: string | string[] | undefined, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
