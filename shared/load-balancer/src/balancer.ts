import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { handleAdmin, stateOf, type AdminContext } from './admin/admin-routes';
import type { ControlHandler } from './admin/control-route';
import { parseCookies } from './cookies';
import { EventLog } from './event-log';
import { setForwardedHeaders } from './forwarded-headers';
import { defaultHealthCheck, HealthChecker, type HealthCheckOptions } from './health-checker';
import { rawJsonResponse, sendError } from './http-replies';
import { ServerPool } from './pool';
import { BodyTooLargeError, readBody } from './request-body';
import { checkHostHeader, checkRequestTarget } from './request-guard';
import { strategyByName } from './strategies';
import type { BackendServer, RequestEvent, RouteContext, RouteDecision, Strategy } from './types';

export interface BalancerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  servers?: ReadonlyArray<{ id: string; url: string }>;
  strategy?: string | Strategy;
  healthCheck?: Partial<HealthCheckOptions>;
  /** A server that sends no response within this time gets a 504 for the client. */
  proxyTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Slow clients that have not sent their headers by then are cut off (slowloris). */
  headersTimeoutMs?: number;
  control?: { token: string; handlers: Record<string, ControlHandler> };
  describe?: () => Record<string, unknown>;
}

export interface Balancer {
  readonly url: string;
  readonly port: number;
  readonly pool: ServerPool;
  readonly events: EventLog;
  readonly counters: Record<string, number>;
  strategy(): Strategy;
  setStrategy(strategy: string | Strategy): void;
  state(): ReturnType<typeof stateOf>;
  close(): Promise<void>;
}

interface Attempt {
  context: RouteContext;
  decision: RouteDecision;
}

interface Outcome {
  server: string | null;
  reason: RequestEvent['reason'];
}

class ProxyTimeoutError extends Error {}

export async function startBalancer(options: BalancerOptions = {}): Promise<Balancer> {
  const pool = new ServerPool(options.servers);
  const events = new EventLog();
  const counters: Record<string, number> = {};
  let strategy = toStrategy(options.strategy ?? 'round-robin');
  const health = new HealthChecker(pool, { ...defaultHealthCheck, ...options.healthCheck });
  const proxyTimeoutMs = options.proxyTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const attempts = new WeakMap<IncomingMessage, Attempt>();
  const admin: AdminContext = {
    pool,
    strategy: () => strategy,
    events,
    counters,
    control: options.control,
    describe: options.describe,
  };

  // Keep-alive to the servers: without it every request opens a new connection.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 1000 });
  const proxy = createProxyServer({ agent, xfwd: false, ws: false });
  proxy.on('proxyReq', (proxyRequest) => {
    proxyRequest.setTimeout(proxyTimeoutMs, () => proxyRequest.destroy(new ProxyTimeoutError()));
  });
  proxy.on('proxyRes', (proxyResponse, request, response) => {
    const attempt = attempts.get(request);
    if (attempt) strategy.onResponse?.(attempt.context, attempt.decision, proxyResponse.headers);
    // A server that dies halfway through its answer: end the client's connection too, or the
    // client waits forever for the rest (the proxy timeout no longer applies: that socket is gone).
    proxyResponse.once('close', () => {
      if (!proxyResponse.complete) response.destroy();
    });
  });

  const count = (counter: string) => {
    counters[counter] = (counters[counter] ?? 0) + 1;
  };

  /** Each client request becomes exactly one event, written when its response closes. */
  function trackOutcome(request: IncomingMessage, response: ServerResponse): Outcome {
    const started = performance.now();
    const outcome: Outcome = { server: null, reason: 'rejected' };
    response.once('close', () => {
      events.record({
        client: clientName(request),
        method: request.method ?? 'GET',
        path: (request.url ?? '/').slice(0, 200),
        server: outcome.server,
        reason: outcome.reason,
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    return outcome;
  }

  function forward(
    request: IncomingMessage,
    response: ServerResponse,
    body: Buffer,
    context: RouteContext,
    outcome: Outcome,
    tried: Set<string>,
  ) {
    const candidates = pool.healthy().filter((server) => !tried.has(server.id));
    if (candidates.length === 0) {
      Object.assign(outcome, { server: null, reason: 'no-server' });
      return sendError(
        response,
        502,
        'no server is available to take this request: every server in the pool is down',
      );
    }
    const decision = strategy.pick(context, candidates);
    if (tried.size > 0) decision.reason = 'redispatch';
    const server = decision.server;
    tried.add(server.id);
    Object.assign(outcome, { server: server.id, reason: decision.reason });
    strategy.beforeForward?.(context, decision, request.headers);
    attempts.set(request, { context, decision });

    server.requests += 1;
    server.active += 1;
    let inFlight = true;
    const done = () => {
      if (inFlight) server.active -= 1;
      inFlight = false;
    };
    response.once('close', done);

    // Most requests (GETs) have no body: then the request, already read to its end, is
    // piped as it is and the server's request ends at once. A stream made for an empty
    // body costs a write and several ticks per request (measured in bench/: npm run profile).
    const buffer = body.length > 0 ? Readable.from([body]) : undefined;
    proxy.web(request, response, { target: server.url, buffer }, (error) => {
      done();
      if (isRefusedBeforeAnyByte(error) && !response.headersSent) {
        health.markDown(server);
        if (tried.size === 1) {
          // HAProxy's `retries` + `option redispatch`: the server never saw the request, so try another, once.
          count('redispatched');
          return forward(request, response, body, context, outcome, tried);
        }
        outcome.reason = 'no-server';
        return sendError(
          response,
          502,
          `no server could take this request: servers ${[...tried].join(' and ')} refused the connection`,
        );
      }
      if (error instanceof ProxyTimeoutError) {
        count('timeouts');
        outcome.reason = 'timeout';
        return sendError(
          response,
          504,
          `server ${server.id} did not answer within ${proxyTimeoutMs} ms`,
        );
      }
      count('server-errors');
      outcome.reason = 'server-error';
      sendError(
        response,
        502,
        `server ${server.id} failed: ${(error as NodeJS.ErrnoException).code ?? error.message}`,
      );
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = request.url ?? '/';
    if (url === '/__lb' || url.startsWith('/__lb/') || url.startsWith('/__lb?'))
      return handleAdmin(request, response, admin);

    const outcome = trackOutcome(request, response);
    const hostVerdict = checkHostHeader(request.httpVersion, request.rawHeaders);
    const verdict = hostVerdict.ok ? checkRequestTarget(request.method ?? 'GET', url) : hostVerdict;
    if (!verdict.ok) {
      count('rejected');
      return sendError(response, verdict.status, verdict.message);
    }
    let body: Buffer;
    try {
      body = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) return void response.destroy();
      count('rejected');
      response.setHeader('connection', 'close');
      return sendError(response, 413, error.message);
    }
    setForwardedHeaders(request);
    const context: RouteContext = {
      method: request.method ?? 'GET',
      path: url,
      headers: request.headers,
      cookies: parseCookies(request.headers.cookie),
      poolIds: pool.all().map((server) => server.id),
      count,
    };
    forward(request, response, body, context, outcome, new Set());
  }

  const server = http.createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: 60_000,
      // Node's own missing-Host answer has no body; checkHostHeader answers it in JSON instead.
      requireHostHeader: false,
      // Node only looks for expired header timeouts this often (30 s by default).
      connectionsCheckingInterval: 1_000,
    },
    (request, response) => {
      handle(request, response).catch((error: Error) =>
        sendError(response, 500, `balancer error: ${error.message}`),
      );
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    count('client-errors');
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'request headers (cookies included) are larger than the 16 KiB this balancer accepts',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'the request headers did not arrive in time']
          : [400, 'the request could not be parsed as HTTP/1.1'];
    socket.end(rawJsonResponse(status, message));
  });

  server.on('connect', (_request, socket) => {
    count('rejected');
    socket.end(
      rawJsonResponse(405, 'CONNECT is not allowed: this balancer is not a forward proxy'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  health.start();
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    port,
    pool,
    events,
    counters,
    strategy: () => strategy,
    setStrategy: (next) => {
      strategy = toStrategy(next);
    },
    state: () => stateOf(admin),
    close: async () => {
      health.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      proxy.close?.();
    },
  };
}

function toStrategy(strategy: string | Strategy): Strategy {
  return typeof strategy === 'string' ? strategyByName(strategy) : strategy;
}

/** Synthetic users name themselves; everything else is the learner: "you". */
function clientName(request: IncomingMessage): string {
  const name = request.headers['x-lab-client'];
  return typeof name === 'string' && /^[\w .:-]{1,64}$/.test(name) ? name : 'you';
}

function isRefusedBeforeAnyByte(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNREFUSED';
}

export type { BackendServer };
