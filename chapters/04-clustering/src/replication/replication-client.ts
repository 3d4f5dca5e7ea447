import http from 'node:http';
import https from 'node:https';
import type { MessageSigner } from './message-signing';
import { WireMeter } from './wire-meter';

export const replicationPath = '/__internal/replication';
export const replicationContentType = 'application/vnd.sessions.replication+json';

export interface PeerResponse {
  status: number;
  body: Buffer;
  /** Bytes this exchange read from the socket: the response's headers and body. */
  wireBytesRead: number;
}

// #region replication-client
/**
 * Talks to peers over plain HTTP. A keep-alive agent keeps one warm connection per peer
 * (without it every message would pay a TCP handshake), and every request is signed.
 */
export class ReplicationClient {
  readonly meter = new WireMeter();
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };

  constructor(
    private readonly signer: MessageSigner,
    private readonly timeoutMs = 2_000,
    /** A snapshot of every session can be large; a single answer beyond this is refused. */
    private readonly maxResponseBytes = 256 * 1024 * 1024,
  ) {}

  post(peer: string, path: string, body: Buffer): Promise<PeerResponse> {
    return this.request('POST', peer, path, body);
  }

  get(peer: string, path: string, timeoutMs = this.timeoutMs): Promise<PeerResponse> {
    return this.request('GET', peer, path, Buffer.alloc(0), timeoutMs);
  }
  // #endregion replication-client

  close(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  private async request(
    method: string,
    peer: string,
    path: string,
    body: Buffer,
    timeoutMs = this.timeoutMs,
  ): Promise<PeerResponse> {
    try {
      return await this.attempt(method, peer, path, body, timeoutMs);
    } catch (error) {
      // A kept-alive connection the peer closed just as we reused it: send once more on a
      // fresh one (every message is safe to repeat: versions make a duplicate a no-op).
      if ((error as { reusedSocket?: boolean }).reusedSocket)
        return this.attempt(method, peer, path, body, timeoutMs);
      throw error;
    }
  }

  private attempt(
    method: string,
    peer: string,
    path: string,
    body: Buffer,
    timeoutMs: number,
  ): Promise<PeerResponse> {
    const url = new URL(path, peer);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      let readAtStart = 0;
      const request = transport.request(url, {
        method,
        // As an option (not only setTimeout below) the bound covers connecting too: across a
        // network partition a connection attempt is met by silence, not a refusal, and the
        // kernel would keep retrying it for about two minutes.
        timeout: timeoutMs,
        agent: this.agents[url.protocol as 'http:' | 'https:'],
        headers: {
          ...this.signer.sign(method, url.pathname, body),
          ...(method === 'POST'
            ? { 'content-type': replicationContentType, 'content-length': body.length }
            : {}),
        },
      });
      request.on('socket', (socket) => {
        this.meter.track(socket);
        readAtStart = socket.bytesRead;
      });
      let gaveUp = false;
      request.setTimeout(timeoutMs, () => {
        gaveUp = true;
        // Reset, not close: a closed socket's kernel keeps retransmitting the bytes it still
        // holds, so a message given up across a partition would arrive once the link heals.
        if (request.socket && !request.socket.destroyed) request.socket.resetAndDestroy();
        request.destroy(new Error(`${peer} sent nothing for ${timeoutMs} ms`));
      });
      request.on('error', (error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
        if (!gaveUp && request.reusedSocket && error.code === 'ECONNRESET')
          error.reusedSocket = true;
        reject(error);
      });
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > this.maxResponseBytes) {
            request.destroy(new Error(`${peer} answered more than ${this.maxResponseBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          const status = response.statusCode ?? 0;
          const wireBytesRead = (request.socket?.bytesRead ?? readAtStart) - readAtStart;
          if (status < 200 || status >= 300)
            return reject(
              new Error(
                `${peer}${url.pathname} answered ${status}: ${body.toString().slice(0, 200)}`,
              ),
            );
          resolve({ status, body, wireBytesRead });
        });
      });
      request.end(body);
    });
  }
}
