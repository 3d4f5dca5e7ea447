/** What a Redis command answers: a string, an integer, nil or a list of those. */
export type RespValue = string | number | null | RespValue[];

export interface RedisCommandOptions {
  host?: string;
  /** For connecting and for the answer, each. */
  timeoutMs?: number;
  /** Sent first with AUTH: every Redis and Sentinel a lab starts requires one. */
  password?: string;
}

/**
 * One command to a Redis or Sentinel over a connection of its own, with a deadline: how the
 * harness waits for readiness and reads replication state. It is node-redis, the client the
 * chapters' apps use; only AUTH and the command reach the server, so an experiment that
 * counts the commands Redis ran sees nothing else of the harness.
 */
export async function redisCommand(
  port: number,
  args: readonly string[],
  { host = '127.0.0.1', timeoutMs = 2000, password }: RedisCommandOptions = {},
): Promise<RespValue> {
  // Loaded on first use: most users of the harness never talk to Redis.
  const { createClient } = await import('redis');
  const client = createClient({
    socket: { host, port, connectTimeout: timeoutMs, reconnectStrategy: false },
    password,
    // RESP2: AUTH rather than HELLO, and replies as plain strings, integers and lists.
    RESP: 2,
    disableClientInfo: true,
    maintNotifications: 'disabled',
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
  });
  // A refused or dropped connection also rejects connect() or the command, which is where
  // the caller hears of it; unhandled, the event would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.sendCommand<RespValue>(args);
  } finally {
    client.destroy();
  }
}

/** `INFO <section>` as key/value pairs. */
export async function redisInfo(
  port: number,
  section: string,
  options: RedisCommandOptions = {},
): Promise<Record<string, string>> {
  const text = String(await redisCommand(port, ['INFO', section], options));
  return Object.fromEntries(
    text
      .split('\r\n')
      .filter((line) => line.includes(':') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]),
  );
}
