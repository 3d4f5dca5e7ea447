import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { finished } from 'node:stream';
import express from 'express';

/** What an app behind the balancer concludes about the client, the way Express computes it. */
export interface EchoedRequest {
  ip: string | undefined;
  protocol: string;
  hostname: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

export interface EchoBackend {
  readonly id: string;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A tiny backend with the course app's proxy setting (`trust proxy` 1, configure-app.ts):
 * it answers with the client address, protocol and host it believes, so a test can see
 * whether a spoofed X-Forwarded-* header got through the balancer.
 */
export async function startEchoBackend(id = 'echo'): Promise<EchoBackend> {
  const app = express();
  app.set('trust proxy', 1);
  app.get('/health', (_request, response) => void response.json({ status: 'ok' }));
  app.use((request, response, next) => {
    // Reads the whole body first, as an app with a body parser does.
    finished(request.resume(), (error) => (error ? next(error) : next()));
  });
  app.use((request, response) => {
    response.setHeader('x-served-by', id);
    const echoed: EchoedRequest = {
      ip: request.ip,
      protocol: request.protocol,
      hostname: request.hostname,
      headers: request.headers,
    };
    response.json(echoed);
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    id,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
