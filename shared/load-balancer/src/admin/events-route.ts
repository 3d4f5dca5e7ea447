import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLog } from '../event-log';

/** GET /__lb/events: Server-Sent Events, one `data:` line of JSON per proxied request. */
export function streamEvents(
  request: IncomingMessage,
  response: ServerResponse,
  log: EventLog,
): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  response.write(': connected\n\n');
  const unsubscribe = log.subscribe((event) =>
    response.write(`data: ${JSON.stringify(event)}\n\n`),
  );
  // A comment line now and then keeps idle proxies and browsers from closing the stream.
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 15_000);
  heartbeat.unref();
  request.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
