/** The environment contract every chapter server reads (docs/ARCHITECTURE.md: a chapter server). */
export interface ServerConfig {
  port: number;
  /** The address to listen on: 127.0.0.1, or the server's own address on a lab network. */
  host: string;
  serverId: string;
  sessionSecret: string;
}

export function readServerConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const host = env.HOST ?? '127.0.0.1';
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host))
    throw new Error(`HOST must be an IPv4 address such as 127.0.0.1, got ${host}`);
  const serverId = env.SERVER_ID ?? '1';
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(serverId))
    throw new Error(`SERVER_ID must be letters, digits, - or _, got ${serverId}`);
  const sessionSecret = env.SESSION_SECRET ?? 'dev-only-secret-change-me';
  if (!env.SESSION_SECRET)
    console.warn(
      'SESSION_SECRET is not set: using a development secret. Never do this in production.',
    );
  return { port, host, serverId, sessionSecret };
}
