/** Which store holds the sessions, read from the environment (docs/ARCHITECTURE.md: a chapter server). */
export type StoreConfig =
  | { kind: 'redis'; url: string }
  | {
      kind: 'redis-sentinel';
      sentinels: Array<{ host: string; port: number }>;
      masterName: string;
      /** REDIS_PASSWORD: what the Sentinels and the Redis nodes require (none when unset). */
      password?: string;
    }
  | { kind: 'postgres'; databaseUrl: string }
  | { kind: 'memory' };

export interface SessionLimits {
  /** How long a Redis command may take before the request gets a 503 instead of waiting. */
  commandTimeoutMs: number;
  /** Spring Session style: at most this many sessions per user; a new login ends the oldest. */
  maxSessionsPerUser: number;
}

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const kind = env.SESSION_STORE ?? 'redis';
  switch (kind) {
    case 'redis':
      if (env.REDIS_SENTINELS) {
        return {
          kind: 'redis-sentinel',
          sentinels: env.REDIS_SENTINELS.split(',').map(parseHostPort),
          masterName: env.REDIS_MASTER_NAME ?? 'course',
          ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
        };
      }
      return { kind: 'redis', url: env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    case 'postgres':
      if (!env.DATABASE_URL)
        throw new Error('SESSION_STORE=postgres needs DATABASE_URL (postgres://user@host:port/db)');
      return { kind: 'postgres', databaseUrl: env.DATABASE_URL };
    case 'memory':
      return { kind: 'memory' };
    default:
      throw new Error(`SESSION_STORE must be redis, postgres or memory, got "${kind}"`);
  }
}

export function readSessionLimits(env: NodeJS.ProcessEnv = process.env): SessionLimits {
  return {
    commandTimeoutMs: positiveInteger(
      env.REDIS_COMMAND_TIMEOUT_MS,
      1000,
      'REDIS_COMMAND_TIMEOUT_MS',
    ),
    maxSessionsPerUser: positiveInteger(env.MAX_SESSIONS_PER_USER, 3, 'MAX_SESSIONS_PER_USER'),
  };
}

function parseHostPort(entry: string): { host: string; port: number } {
  const match = entry.trim().match(/^([\w.-]+):(\d{1,5})$/);
  if (!match) throw new Error(`REDIS_SENTINELS entries look like host:port, got "${entry}"`);
  return { host: match[1], port: Number(match[2]) };
}

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  return number;
}
