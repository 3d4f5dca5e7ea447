import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
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
  /** The keep-alive connection pool of the chosen server. */
  server: Dispatcher;
  /** The headers to send, framing included (outgoingRequestHeaders). */
  headers: OutgoingHttpHeaders;
  body: BodyFraming;
  deadlineMs: number;
  maxBodyBytes: number;
  /** Called with the server's response headers before they are written (sticky cookies). */
  onResponseHeaders(headers: OutgoingHttpHeaders): void;
  /** Called at most once, when the server gave no usable answer. */
  onFailure(failure: ForwardFailure): void;
}

class DeadlineError extends Error {}
class BodyTooLargeError extends Error {}

/**
 * Sends one request to one server and streams both bodies, through undici's dispatch API
 * (the lowest level it has: no response stream object in between). undici reads the request
 * body only once the connection is open, so a refused connection leaves it unread and the
 * caller may send the same request to another server.
 */
export function forward(plan: ForwardPlan): void {
  const { request, response, body } = plan;
  let abort: ((reason: Error) => void) | undefined;
  let settled = false;
  let resumeServer: (() => void) | undefined;
  let pendingAbort: Error | undefined;
  let failed = false;
  const fail = (failure: ForwardFailure) => {
    if (failed) return;
    failed = true;
    plan.onFailure(failure);
  };
  const stop = (reason: Error) => {
    if (abort) return abort(reason);
    // Not even on a connection yet (still connecting, or queued): answer now, and abort
    // the request as soon as undici hands over a way to.
    pendingAbort = reason;
    settled = true;
    clearTimeout(deadline);
    if (reason instanceof DeadlineError) fail({ kind: 'timeout' });
    else if (reason instanceof BodyTooLargeError) fail({ kind: 'body-too-large' });
  };
  // A deadline on every forwarded request, whatever its headers say (Expect included).
  const deadline = setTimeout(() => stop(new DeadlineError()), plan.deadlineMs);
  const finish = () => {
    settled = true;
    clearTimeout(deadline);
  };
  // The client went away (or was cut off): the server's request goes with it.
  response.once('close', () => {
    if (!settled) stop(new Error('the client closed its connection'));
  });
  response.on('drain', () => resumeServer?.());
  if (body.kind === 'chunked')
    limitBody(request, plan.maxBodyBytes, () => stop(new BodyTooLargeError()));

  plan.server.dispatch(
    {
      method: request.method as Dispatcher.HttpMethod,
      path: request.url ?? '/',
      headers: plan.headers as Record<string, string | string[]>,
      body: body.kind === 'none' ? null : request,
    },
    {
      onConnect(abortRequest) {
        abort = abortRequest;
        if (pendingAbort) abortRequest(pendingAbort);
      },
      onHeaders(statusCode, rawHeaders, resume) {
        clearTimeout(deadline);
        if (failed) return false;
        resumeServer = resume;
        const headers = outgoingResponseHeaders(rawHeaders);
        plan.onResponseHeaders(headers);
        response.writeHead(statusCode, headers);
        return true;
      },
      onData(chunk) {
        // false pauses the server's connection until the client's drains.
        return response.write(chunk);
      },
      onComplete() {
        finish();
        response.end();
      },
      onError(error: NodeJS.ErrnoException) {
        finish();
        if (failed) return;
        if (response.headersSent) {
          // A server that fails halfway through its answer: end the client's connection
          // too, or the client waits forever for the rest.
          response.destroy();
          return;
        }
        if (error instanceof DeadlineError)
          return plan.onFailure(
            request.complete ? { kind: 'timeout' } : { kind: 'client-too-slow' },
          );
        if (error instanceof BodyTooLargeError) return plan.onFailure({ kind: 'body-too-large' });
        if (response.destroyed) return;
        const refused = error.code === 'ECONNREFUSED' && !request.readableDidRead;
        plan.onFailure(
          refused
            ? { kind: 'refused' }
            : { kind: 'server-error', code: error.code ?? error.message },
        );
      },
    },
  );
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
  // Listening to 'data' would start the flow before undici reads: count once it does.
  request.once('resume', () => request.on('data', count));
}
