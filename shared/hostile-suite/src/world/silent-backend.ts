import net from 'node:net';

/**
 * A server that accepts connections and never answers, as a paused (SIGSTOP) or wedged
 * process looks from the outside: the balancer's deadline is what ends the request.
 */
export interface SilentBackend {
  readonly url: string;
  close(): Promise<void>;
}

export async function startSilentBackend(): Promise<SilentBackend> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Reads (so the client's writes complete) and never writes a byte.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
