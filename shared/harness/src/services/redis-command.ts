import net from 'node:net';

export type RespValue = string | number | null | RespValue[];

/** A Redis error reply (`-ERR ...`), as opposed to a socket error. */
export class RedisReplyError extends Error {}

/**
 * One command to a Redis or Sentinel over a fresh connection, with a deadline. The harness
 * uses it to wait for readiness and read replication state without depending on a client
 * library; the chapter's app uses the real client (node-redis).
 */
export interface RedisCommandOptions {
  host?: string;
  timeoutMs?: number;
  /** Sent first with AUTH: every Redis and Sentinel a lab starts requires one. */
  password?: string;
}

export function redisCommand(
  port: number,
  args: readonly string[],
  { host = '127.0.0.1', timeoutMs = 2000, password }: RedisCommandOptions = {},
): Promise<RespValue> {
  const commands = password ? [['AUTH', password], args] : [args];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buffer = Buffer.alloc(0);
    const finish = (error: Error | undefined, value?: RespValue) => {
      socket.destroy();
      if (error) reject(error);
      else resolve(value ?? null);
    };
    socket.setTimeout(timeoutMs, () =>
      finish(new Error(`redis on port ${port} did not answer ${args[0]} within ${timeoutMs} ms`)),
    );
    socket.on('error', (error) => finish(error));
    socket.on('connect', () => {
      socket.write(commands.map(encodeCommand).join(''));
    });
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let position = 0;
      let parsed: Parsed;
      for (let i = 0; i < commands.length; i++) {
        parsed = parseReply(buffer, position);
        if (!parsed) return; // incomplete: wait for more bytes
        if (parsed.value instanceof RedisReplyError) return finish(parsed.value);
        position = parsed.next;
      }
      finish(undefined, parsed!.value as RespValue);
    });
  });
}

function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

type Parsed = { value: RespValue | RedisReplyError; next: number } | undefined;

function parseReply(buffer: Buffer, start: number): Parsed {
  const lineEnd = buffer.indexOf('\r\n', start);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[start]);
  const line = buffer.toString('utf8', start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next };
    case '-':
      return { value: new RedisReplyError(line), next };
    case ':':
      return { value: Number(line), next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next };
      const items: RespValue[] = [];
      let position = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buffer, position);
        if (!item) return undefined;
        if (item.value instanceof RedisReplyError) return item;
        items.push(item.value);
        position = item.next;
      }
      return { value: items, next: position };
    }
    default:
      return { value: new RedisReplyError(`unexpected reply type "${type}"`), next };
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
