import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLog } from '../event-log';
import { sendError, sendJson } from '../http-replies';
import type { ServerPool } from '../pool';
import type { Strategy } from '../types';
import { handleControl, type ControlOptions } from './control-route';
import type { LabLanguage } from './language';
import { serveDashboard, serveDashboardAsset } from './dashboard-route';
import { streamEvents } from './events-route';
import { serveServerView } from './server-view-route';
import { isTrustedHost } from './trusted-host';

export interface AdminContext {
  pool: ServerPool;
  strategy: () => Strategy;
  events: EventLog;
  counters: Record<string, number>;
  control?: ControlOptions;
  /** Extra fields for /__lb/state, e.g. which chapter the lab runs. */
  describe?: () => Record<string, unknown>;
  /** The language of the dashboard's fixed labels (the page's `lang`). */
  language: LabLanguage;
  /** Readers of /__lb/events now, and how many may read at once (more get a 503). */
  eventStreams: { open: number; max: number; dropped: () => void };
}

/** The balancer's own pages under /__lb/: never forwarded to a server. */
export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  context: AdminContext,
): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/__lb' || path === '/__lb/')
    return serveDashboard(
      request,
      response,
      isTrustedHost(request.headers.host) ? context.control?.token : undefined,
      context.language,
    );
  if (path.startsWith('/__lb/control/')) {
    return handleControl(request, response, path.slice('/__lb/control/'.length), context.control);
  }
  if (request.method !== 'GET')
    return sendError(response, 405, `${request.method} is not allowed on ${path}`);
  if (path === '/__lb/state') return sendJson(response, 200, stateOf(context));
  if (path === '/__lb/events')
    return streamEvents(request, response, context.events, context.eventStreams);
  if (path.startsWith('/__lb/assets/'))
    return serveDashboardAsset(request, response, path.slice('/__lb/assets/'.length));
  if (path.startsWith('/__lb/servers/'))
    return serveServerView(request, response, context.pool, path.slice('/__lb/servers/'.length));
  sendError(response, 404, `no such balancer page: ${path}`);
}

export function stateOf(context: AdminContext) {
  return {
    strategy: context.strategy().name,
    servers: context.pool.all().map(({ id, url, health, requests, active }) => ({
      id,
      address: url,
      health,
      requests,
      active,
    })),
    counters: { ...context.counters },
    controls: Object.keys(context.control?.handlers ?? {}),
    recentEvents: context.events.latest(),
    ...context.describe?.(),
  };
}
