import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The balancer states who the client is; whatever the client claimed is dropped,
 * so an app that trusts exactly one proxy hop sees the truth.
 */
export function setForwardedHeaders(request: IncomingMessage): void {
  const headers = request.headers;
  delete headers['forwarded'];
  delete headers['x-real-ip'];
  delete headers['x-forwarded-port'];
  // Hop-by-hop (RFC 9110 7.8): an Upgrade (WebSocket, h2c) is about the client's own connection,
  // and this balancer relays plain HTTP only. Passed on, it would let a server switch protocols
  // on a connection nobody relays, and the client would wait for an answer that never comes.
  delete headers['upgrade'];
  delete headers['http2-settings'];
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  headers['x-forwarded-host'] = headers.host ?? '';
}
