import net from 'node:net';

/** A response read straight off a socket: what a client really received, byte for byte. */
export interface RawReply {
  /** null when the connection closed (or we gave up) before a status line arrived. */
  status: number | null;
  /** Header names lower-cased; a header sent twice keeps both values. */
  headers: Record<string, string[]>;
  body: string;
  /** How the exchange ended: a complete response, the server closing, or our own deadline. */
  ended: 'response' | 'closed' | 'gave-up';
  ms: number;
}

export interface RawSendOptions {
  /** Give up (and destroy the socket) after this long; a server that holds us this long failed. */
  giveUpMs?: number;
  /** Bytes written after the first chunk, one every `trickleEveryMs`, until the server answers or closes. */
  trickle?: string;
  trickleEveryMs?: number;
  /** Keep reading until the server closes (pipelined requests get several responses). */
  readAll?: boolean;
}

/**
 * Writes `request` to host:port as raw bytes. fetch cannot send an absolute-URI target,
 * CONNECT, duplicate headers, a bare CR or headers that trickle in, so these cases use a socket.
 */
export function sendRaw(
  port: number,
  request: string | Buffer,
  options: RawSendOptions = {},
): Promise<RawReply> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let trickle: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (ended: RawReply['ended']) => {
      if (settled) return;
      settled = true;
      clearInterval(trickle);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ ...parseResponse(Buffer.concat(chunks)), ended, ms: performance.now() - started });
    };
    const giveUp = setTimeout(() => finish('gave-up'), options.giveUpMs ?? 5000);
    socket.on('connect', () => {
      socket.write(request);
      if (options.trickle !== undefined) {
        trickle = setInterval(() => {
          if (socket.writable) socket.write(options.trickle!);
        }, options.trickleEveryMs ?? 200);
      }
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!options.readAll && isComplete(Buffer.concat(chunks))) finish('response');
    });
    // The server closing (or resetting) the connection is an answer too.
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('closed'));
  });
}

/** Builds an HTTP/1.1 request from lines, so cases read like the bytes on the wire. */
export function httpRequest(
  requestLine: string,
  headerLines: readonly string[],
  body = '',
): string {
  const lines = [requestLine, ...headerLines];
  if (body && !headerLines.some((line) => /^content-length:/i.test(line)))
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** Interim answers (100 Continue) come before the real one: the reply is what follows them. */
function withoutInterim(bytes: Buffer): Buffer {
  let rest = bytes;
  while (/^HTTP\/1\.[01] 1\d\d /.test(rest.subarray(0, 13).toString('latin1'))) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    rest = rest.subarray(end + 4);
  }
  return rest;
}

function splitHead(raw: Buffer): { head: string; body: Buffer } | undefined {
  const bytes = withoutInterim(raw);
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  return { head: bytes.subarray(0, end).toString('latin1'), body: bytes.subarray(end + 4) };
}

function isComplete(bytes: Buffer): boolean {
  const parts = splitHead(bytes);
  if (!parts) return false;
  const { headers } = parseHead(parts.head);
  const length = headers['content-length']?.[0];
  if (length !== undefined) return parts.body.length >= Number(length);
  if (headers['transfer-encoding']?.[0]?.includes('chunked'))
    return (
      parts.body.includes('\r\n0\r\n\r\n') ||
      parts.body.subarray(0, 5).equals(Buffer.from('0\r\n\r\n'))
    );
  return false;
}

function parseHead(head: string): { status: number | null; headers: Record<string, string[]> } {
  const [statusLine, ...lines] = head.split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  const headers: Record<string, string[]> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return { status: match ? Number(match[1]) : null, headers };
}

function parseResponse(bytes: Buffer): Pick<RawReply, 'status' | 'headers' | 'body'> {
  const parts = splitHead(bytes);
  if (!parts) return { status: null, headers: {}, body: bytes.toString('utf8') };
  const { status, headers } = parseHead(parts.head);
  const chunked = headers['transfer-encoding']?.[0]?.includes('chunked');
  return { status, headers, body: chunked ? dechunk(parts.body) : parts.body.toString('utf8') };
}

function dechunk(body: Buffer): string {
  const out: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    out.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out).toString('utf8');
}
