import http, {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { outgoingResponseHeaders } from './hop-by-hop';
import type { BodyFraming } from './request-framing';

/** Why a forwarded request got no answer from its server. */
export type ForwardFailure =
  /** The connection was refused before any byte was written: safe to send elsewhere. */
  | { kind: 'refused' }
  /** The server did not answer before the deadline. */
  | { kind: 'timeout' }
  /** The deadline passed while the client was still sending its body. */
  | { kind: 'client-too-slow' }
  | { kind: 'body-too-large' }
  | { kind: 'server-error'; code: string };

export interface ForwardPlan {
  request: IncomingMessage;
  response: ServerResponse;
  /** host and port of the chosen server. */
  target: { hostname: string; port: number };
  headers: OutgoingHttpHeaders;
  body: BodyFraming;
  agent: http.Agent;
  deadlineMs: number;
  maxBodyBytes: number;
  /** Called with the server's response headers before they are written (sticky cookies). */
  onResponseHeaders(headers: OutgoingHttpHeaders): void;
  /** Called at most once, when the server gave no usable answer and the client has none yet. */
  onFailure(failure: ForwardFailure): void;
}

/**
 * Sends one request to one server and streams both bodies. The request body is piped only
 * once the connection to the server is open, so a refused connection leaves it unread and
 * the caller may send the same request to another server.
 */
export function forward(plan: ForwardPlan): void {
  const { request, response, body } = plan;
  let failed = false;
  let bodyStarted = false;
  const upstream = http.request({
    hostname: plan.target.hostname,
    port: plan.target.port,
    method: request.method,
    path: request.url,
    headers: plan.headers,
    agent: plan.agent,
  });
  const fail = (failure: ForwardFailure) => {
    if (failed) return;
    failed = true;
    clearTimeout(deadline);
    upstream.destroy();
    if (bodyStarted) request.unpipe(upstream);
    plan.onFailure(failure);
  };
  // A deadline on every forwarded request, whatever its headers say (Expect included).
  const deadline = setTimeout(
    () => fail(request.complete ? { kind: 'timeout' } : { kind: 'client-too-slow' }),
    plan.deadlineMs,
  );

  upstream.on('error', (error: NodeJS.ErrnoException) => {
    const refused = error.code === 'ECONNREFUSED' && !bodyStarted;
    fail(
      refused ? { kind: 'refused' } : { kind: 'server-error', code: error.code ?? error.message },
    );
  });
  upstream.on('response', (answer) => {
    clearTimeout(deadline);
    if (failed) return void answer.resume();
    const headers = outgoingResponseHeaders(answer.headers);
    plan.onResponseHeaders(headers);
    response.writeHead(answer.statusCode ?? 502, headers);
    answer.pipe(response);
    // A server that dies halfway through its answer: end the client's connection too, or
    // the client waits forever for the rest.
    answer.once('close', () => {
      if (!answer.complete) response.destroy();
    });
  });
  // The client went away (or was cut off): the server's request goes with it.
  response.once('close', () => {
    clearTimeout(deadline);
    if (!upstream.writableFinished || !response.writableFinished) upstream.destroy();
  });

  if (body.kind === 'none') {
    upstream.end();
    return;
  }
  upstream.once('socket', (socket: Socket) => {
    const start = () => {
      if (failed) return;
      bodyStarted = true;
      if (body.kind === 'chunked')
        limitBody(request, plan.maxBodyBytes, () => fail({ kind: 'body-too-large' }));
      request.pipe(upstream);
    };
    if (socket.connecting) socket.once('connect', start);
    else start();
  });
}

/** A chunked body declares no size: count it as it streams and stop at the limit. */
function limitBody(request: IncomingMessage, limit: number, tooLarge: () => void): void {
  let received = 0;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limit) {
      request.off('data', count);
      tooLarge();
    }
  };
  request.on('data', count);
}
