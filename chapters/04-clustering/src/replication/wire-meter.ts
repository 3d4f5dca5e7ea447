import type { Socket } from 'node:net';

/**
 * Counts the bytes that really crossed the wire on a set of sockets (TCP payload: HTTP
 * headers and bodies), not the bytes we meant to send. Sockets are counted while they
 * live and remembered when they close.
 */
export class WireMeter {
  private readonly live = new Set<Socket>();
  private readonly seen = new WeakSet<Socket>();
  private closedWritten = 0;
  private closedRead = 0;

  track(socket: Socket): void {
    if (this.seen.has(socket)) return;
    this.seen.add(socket);
    this.live.add(socket);
    socket.once('close', () => {
      this.live.delete(socket);
      this.closedWritten += socket.bytesWritten;
      this.closedRead += socket.bytesRead;
    });
  }

  get bytesWritten(): number {
    let total = this.closedWritten;
    for (const socket of this.live) total += socket.bytesWritten;
    return total;
  }

  get bytesRead(): number {
    let total = this.closedRead;
    for (const socket of this.live) total += socket.bytesRead;
    return total;
  }
}

/**
 * The receiving side: the bytes a socket delivered since the last replication request on it.
 * Peers talk to us on keep-alive connections of their own, so the difference is one request.
 */
export class ReceivedBytes {
  private readonly lastRead = new WeakMap<Socket, number>();

  since(socket: Socket): number {
    const before = this.lastRead.get(socket) ?? 0;
    this.lastRead.set(socket, socket.bytesRead);
    return socket.bytesRead - before;
  }
}
