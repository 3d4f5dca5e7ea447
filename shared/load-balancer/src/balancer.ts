import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin, stateOf, type AdminContext } from './admin/admin-routes';
import type { LabLanguage } from './admin/language';
import type { ControlHandler } from './admin/control-route';
import { parseCookies } from './cookies';
import { EventLog } from './event-log';
import { setForwardedHeaders } from './forwarded-headers';
import { defaultHealthCheck, HealthChecker, type HealthCheckOptions } from './health-checker';
import { rawJsonResponse, sendError } from './http-replies';
import { Pool } from 'undici';
import { ServerPool } from './pool';
import { forward, type ForwardFailure } from './proxy/forward';
import { outgoingRequestHeaders } from './proxy/hop-by-hop';
import { checkFraming, type BodyFraming } from './proxy/request-framing';
import { checkHostHeader, checkRequestTarget } from './request-guard';
import { strategyByName } from './strategies';
import type { BackendServer, RequestEvent, RouteContext, Strategy } from './types';

export interface BalancerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  servers?: ReadonlyArray<{ id: string; url: string }>;
  strategy?: string | Strategy;
  healthCheck?: Partial<HealthCheckOptions>;
  /** Every forwarded request is answered within this time: a server that has not answered gets a 504. */
  proxyTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Slow clients that have not sent their headers by then are cut off (slowloris). */
  headersTimeoutMs?: number;
  /** A client must have sent its whole request (headers and body) by then, or it gets a 408. */
  requestTimeoutMs?: number;
  /** Client connections open at once; more are closed as soon as they connect. */
  maxConnections?: number;
  /** Dashboards (or other readers) of /__lb/events at once; more get a 503. */
  maxEventSubscribers?: number;
  control?: { token: string; handlers: Record<string, ControlHandler> };
  describe?: () => Record<string, unknown>;
  /**
   * Another balancer (HAProxy, nginx) routes the app's requests at this address: this one
   * serves only its /__lb/ pages and answers anything else with a 404 that points there.
   */
  appElsewhere?: string;
  /**
   * The dashboard's language for its fixed labels; English unless given. The launcher passes
   * labLanguage() (LAB_LANG, then LANG); tests and other callers get English whatever the shell.
   */
  language?: LabLanguage;
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

interface Outcome {
  server: string | null;
  reason: RequestEvent['reason'];
}

/** One client request on its way through the balancer, and the servers it has tried. */
interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  body: BodyFraming;
  context: RouteContext;
  outcome: Outcome;
  tried: Set<string>;
}

export async function startBalancer(options: BalancerOptions = {}): Promise<Balancer> {
  const pool = new ServerPool(options.servers);
  const events = new EventLog();
  const counters: Record<string, number> = {};
  let strategy = toStrategy(options.strategy ?? 'round-robin');
  const health = new HealthChecker(pool, { ...defaultHealthCheck, ...options.healthCheck });
  const proxyTimeoutMs = options.proxyTimeoutMs ?? 10_000;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const headersTimeoutMs = options.headersTimeoutMs ?? 10_000;
  const requestTimeoutMs = Math.max(options.requestTimeoutMs ?? 30_000, headersTimeoutMs);
  const admin: AdminContext = {
    pool,
    strategy: () => strategy,
    events,
    counters,
    control: options.control,
    describe: options.describe,
    language: options.language ?? 'en',
    eventStreams: {
      open: 0,
      max: options.maxEventSubscribers ?? 32,
      dropped: () => count('event-readers-dropped'),
    },
  };
  /** The response each client connection is writing now, for the request-timeout answer. */
  const current = new WeakMap<Socket, ServerResponse>();

  // One keep-alive connection pool per server: without it every request opens a new connection.
  const connections = new Map<string, Pool>();
  const connectionsTo = (server: BackendServer) => {
    let pool = connections.get(server.url);
    if (!pool) {
      pool = new Pool(server.url, { connections: 256, bodyTimeout: proxyTimeoutMs });
      connections.set(server.url, pool);
    }
    return pool;
  };

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

  function dispatch(exchange: Exchange): void {
    const { request, response, body, context, outcome, tried } = exchange;
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

    server.requests += 1;
    server.active += 1;
    let inFlight = true;
    const done = () => {
      if (inFlight) server.active -= 1;
      inFlight = false;
    };
    response.once('close', done);

    forward({
      request,
      response,
      server: connectionsTo(server),
      headers: outgoingRequestHeaders(request.headers, body, context.method),
      body,
      deadlineMs: proxyTimeoutMs,
      maxBodyBytes,
      onResponseHeaders: (answer) => strategy.onResponse?.(context, decision, answer),
      onFailure: (failure) => {
        done();
        response.off('close', done);
        failed(exchange, server, failure);
      },
    });
  }

  function failed(exchange: Exchange, server: BackendServer, failure: ForwardFailure): void {
    const { response, outcome, tried } = exchange;
    switch (failure.kind) {
      case 'refused':
        health.markDown(server);
        if (tried.size === 1 && !response.headersSent) {
          // HAProxy's `retries` + `option redispatch`: the server never saw a byte, so try another, once.
          count('redispatched');
          return dispatch(exchange);
        }
        outcome.reason = 'no-server';
        return sendError(
          response,
          502,
          `no server could take this request: servers ${[...tried].join(' and ')} refused the connection`,
        );
      case 'timeout':
        count('timeouts');
        outcome.reason = 'timeout';
        return sendError(
          response,
          504,
          `server ${server.id} did not answer within ${proxyTimeoutMs} ms`,
        );
      case 'client-too-slow':
        count('rejected');
        outcome.reason = 'rejected';
        response.setHeader('connection', 'close');
        return sendError(
          response,
          408,
          `the request body did not arrive within ${proxyTimeoutMs} ms`,
        );
      case 'body-too-large':
        count('rejected');
        outcome.reason = 'rejected';
        response.setHeader('connection', 'close');
        return sendError(response, 413, `the request body is larger than ${maxBodyBytes} bytes`);
      case 'server-error':
        count('server-errors');
        outcome.reason = 'server-error';
        return sendError(response, 502, `server ${server.id} failed: ${failure.code}`);
    }
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = request.url ?? '/';
    current.set(request.socket, response);
    if (url === '/__lb' || url.startsWith('/__lb/') || url.startsWith('/__lb?')) {
      handleAdmin(request, response, admin).catch((error: Error) =>
        sendError(response, 500, `balancer error: ${error.message}`),
      );
      return;
    }
    if (options.appElsewhere)
      return sendError(
        response,
        404,
        `this port serves the lab's dashboard (/__lb/) only: the app is at ${options.appElsewhere}`,
      );

    const outcome = trackOutcome(request, response);
    const method = request.method ?? 'GET';
    const hostVerdict = checkHostHeader(request.httpVersion, request.rawHeaders);
    const verdict = hostVerdict.ok ? checkRequestTarget(method, url) : hostVerdict;
    const framing = verdict.ok ? checkFraming(request) : verdict;
    if (!framing.ok) {
      count('rejected');
      // What follows a refused body on this connection cannot be trusted to be framed as the
      // client meant: close it rather than read the rest as a new request.
      if (declaresBody(request)) response.setHeader('connection', 'close');
      return sendError(response, framing.status, framing.message);
    }
    if (framing.body.kind === 'length' && framing.body.bytes > maxBodyBytes) {
      count('rejected');
      response.setHeader('connection', 'close');
      return sendError(response, 413, `the request body is larger than ${maxBodyBytes} bytes`);
    }
    setForwardedHeaders(request);
    const context: RouteContext = {
      method,
      path: url,
      headers: request.headers,
      cookies: parseCookies(request.headers.cookie),
      poolIds: pool.all().map((server) => server.id),
      count,
    };
    dispatch({ request, response, body: framing.body, context, outcome, tried: new Set() });
  }

  const server = http.createServer(
    {
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      // Strict parsing: what the parser cannot read one way only is refused (400), never guessed.
      insecureHTTPParser: false,
      // Node's own missing-Host answer has no body; checkHostHeader answers it in JSON instead.
      requireHostHeader: false,
      // Node only looks for expired header and request timeouts this often (30 s by default).
      connectionsCheckingInterval: 1_000,
    },
    handle,
  );
  server.maxConnections = options.maxConnections ?? 1024;
  server.on('drop', () => count('connections-refused'));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    // An answer already under way cannot be followed by another one on the same connection.
    if (current.get(socket)?.headersSent) return void socket.destroy();
    count('client-errors');
    const [status, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'request headers (cookies included) are larger than the 16 KiB this balancer accepts',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'the request (headers and body) did not arrive in time']
          : [
              400,
              `the request could not be parsed as HTTP/1.1 one way only (${error.code ?? 'error'})`,
            ];
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
      await Promise.all([...connections.values()].map((pool) => pool.destroy()));
    },
  };
}

function declaresBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return (
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
  );
}

function toStrategy(strategy: string | Strategy): Strategy {
  return typeof strategy === 'string' ? strategyByName(strategy) : strategy;
}

/** Synthetic users name themselves; everything else is the learner: "you". */
function clientName(request: IncomingMessage): string {
  const name = request.headers['x-lab-client'];
  return typeof name === 'string' && /^[\w .:-]{1,64}$/.test(name) ? name : 'you';
}

export type { BackendServer };
