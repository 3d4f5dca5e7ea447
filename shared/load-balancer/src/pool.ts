import type { BackendServer, Health } from './types';

/** The servers behind the balancer. It changes only through this API, never from a request. */
export class ServerPool {
  private readonly servers = new Map<string, BackendServer>();
  private readonly listeners = new Set<(server: BackendServer) => void>();

  constructor(initial: ReadonlyArray<{ id: string; url: string }> = []) {
    for (const server of initial) this.add(server);
  }

  add({ id, url }: { id: string; url: string }): BackendServer {
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id))
      throw new Error(`invalid server id: ${JSON.stringify(id)}`);
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:') throw new Error(`only http:// servers are supported: ${url}`);
    const server: BackendServer = { id, url: parsed.origin, health: 'up', requests: 0, active: 0 };
    this.servers.set(id, server);
    this.notify(server);
    return server;
  }

  remove(id: string): boolean {
    return this.servers.delete(id);
  }

  get(id: string): BackendServer | undefined {
    return this.servers.get(id);
  }

  all(): BackendServer[] {
    return [...this.servers.values()];
  }

  healthy(): BackendServer[] {
    return this.all().filter((server) => server.health === 'up');
  }

  setHealth(server: BackendServer, health: Health): void {
    if (server.health === health) return;
    server.health = health;
    this.notify(server);
  }

  /** Called whenever a server is added or changes health. */
  onChange(listener: (server: BackendServer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(server: BackendServer): void {
    for (const listener of this.listeners) listener(server);
  }
}
