import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventLog } from '../event-log';
import { sendError } from '../http-replies';

/** Bytes an event stream may have waiting for a reader before the reader is dropped. */
const maxUnsentBytes = 256 * 1024;

/**
 * GET /__lb/events: Server-Sent Events, one `data:` line of JSON per proxied request.
 * Each reader costs memory for whatever it has not read yet, so a reader that stops
 * reading is dropped, and the number of readers is capped.
 */
export function streamEvents(
  request: IncomingMessage,
  response: ServerResponse,
  log: EventLog,
  streams: { open: number; max: number; dropped: () => void },
): void {
  if (streams.open >= streams.max)
    return sendError(
      response,
      503,
      `this balancer already streams its events to ${streams.max} readers; close one and retry`,
    );
  streams.open += 1;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  const send = (text: string) => {
    // A reader whose socket is not draining would make the balancer hold every event for it.
    if (response.destroyed) return;
    if (response.writableLength > maxUnsentBytes) {
      streams.dropped();
      return void response.destroy();
    }
    response.write(text);
  };
  send(': connected\n\n');
  const unsubscribe = log.subscribe((event) => send(`data: ${JSON.stringify(event)}\n\n`));
  // A comment line now and then keeps idle proxies and browsers from closing the stream.
  const heartbeat = setInterval(() => send(': heartbeat\n\n'), 15_000);
  heartbeat.unref();
  response.on('close', () => {
    streams.open -= 1;
    clearInterval(heartbeat);
    unsubscribe();
  });
}
