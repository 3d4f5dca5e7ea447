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
  headers['x-forwarded-for'] = request.socket.remoteAddress ?? '';
  headers['x-forwarded-proto'] = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  headers['x-forwarded-host'] = headers.host ?? '';
}
