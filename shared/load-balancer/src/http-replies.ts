import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

/** Every answer the balancer writes itself is a short JSON body saying what happened. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { statusCode: status, error: STATUS_CODES[status], message });
}

/** A whole HTTP/1.1 response as bytes, for a socket whose request could not even be parsed. */
export function rawJsonResponse(status: number, message: string): string {
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
