import net from 'node:net';

/** One request as a strictly parsing server received it, or why it could not be read. */
export type Recorded =
  | { ok: true; method: string; target: string; headers: Array<[string, string]>; body: string }
  | { ok: false; problem: string };

export interface RecordingBackend {
  readonly url: string;
  /** Every request received so far, in order; malformed ones say why. */
  readonly received: readonly Recorded[];
  close(): Promise<void>;
}

const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const fieldValue = /^[\t\x20-\x7e\x80-\xff]*$/;
const answer = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n\r\nrecorded';

/**
 * A server that reads HTTP/1.1 the strictest way RFC 9112 allows and records every request
 * it receives on each connection, kept alive. Whatever is not one well-framed request is
 * recorded as malformed and the connection is closed. A request cut off by its sender
 * before its end is not recorded: the server never received a request.
 */
export async function startRecordingBackend(): Promise<RecordingBackend> {
  const received: Recorded[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const parsed = parseRequest(pending);
        if (parsed === 'incomplete') return;
        received.push(parsed.request);
        if (!parsed.request.ok) return void socket.destroy();
        pending = pending.subarray(parsed.used);
        socket.write(answer);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Parsed = 'incomplete' | { request: Recorded; used: number };

const malformed = (problem: string): Parsed => ({ request: { ok: false, problem }, used: 0 });

function parseRequest(bytes: Buffer): Parsed {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd < 0) return bytes.length > 64 * 1024 ? malformed('headers too large') : 'incomplete';
  const lines = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  if (lines.some((line) => line.includes('\r') || line.includes('\n')))
    return malformed('a bare CR or LF in the head');
  const requestLine = /^([A-Z]+) (\S+) HTTP\/1\.1$/.exec(lines[0]);
  if (!requestLine) return malformed(`not an HTTP/1.1 request line: ${lines[0].slice(0, 60)}`);
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).trim();
    if (colon <= 0 || !token.test(name))
      return malformed(`not a header field: ${line.slice(0, 60)}`);
    if (!fieldValue.test(value)) return malformed(`a control character in ${name}`);
    headers.push([name.toLowerCase(), value]);
  }
  const all = (name: string) => headers.filter(([key]) => key === name).map(([, value]) => value);
  const encodings = all('transfer-encoding');
  const lengths = all('content-length');
  const bodyStart = headEnd + 4;
  let body: { content: Buffer; end: number } | 'incomplete' | string;
  if (encodings.length > 0) {
    if (lengths.length > 0) return malformed('Transfer-Encoding and Content-Length');
    if (encodings.length > 1 || encodings[0].toLowerCase() !== 'chunked')
      return malformed(`Transfer-Encoding: ${encodings.join(', ')}`);
    body = dechunk(bytes, bodyStart);
  } else if (lengths.length > 0) {
    if (lengths.length > 1 || !/^\d+$/.test(lengths[0]))
      return malformed(`Content-Length: ${lengths.join(', ')}`);
    const end = bodyStart + Number(lengths[0]);
    body = bytes.length < end ? 'incomplete' : { content: bytes.subarray(bodyStart, end), end };
  } else {
    body = { content: Buffer.alloc(0), end: bodyStart };
  }
  if (body === 'incomplete') return 'incomplete';
  if (typeof body === 'string') return malformed(body);
  return {
    request: {
      ok: true,
      method: requestLine[1],
      target: requestLine[2],
      headers,
      body: body.content.toString('latin1'),
    },
    used: body.end,
  };
}

/** RFC 9112 7.1, read strictly: hex sizes, CRLF everywhere, no trailers. */
function dechunk(
  bytes: Buffer,
  start: number,
): { content: Buffer; end: number } | 'incomplete' | string {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return 'incomplete';
    const sizeLine = bytes.subarray(at, lineEnd).toString('latin1');
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeLine)) return `a chunk size line "${sizeLine.slice(0, 20)}"`;
    const size = Number.parseInt(sizeLine, 16);
    if (size === 0) {
      if (bytes.length < lineEnd + 4) return 'incomplete';
      if (bytes.subarray(lineEnd + 2, lineEnd + 4).toString('latin1') !== '\r\n')
        return 'trailers or junk after the last chunk';
      return { content: Buffer.concat(parts), end: lineEnd + 4 };
    }
    const dataEnd = lineEnd + 2 + size;
    if (bytes.length < dataEnd + 2) return 'incomplete';
    if (bytes.subarray(dataEnd, dataEnd + 2).toString('latin1') !== '\r\n')
      return 'a chunk not followed by CRLF';
    parts.push(bytes.subarray(lineEnd + 2, dataEnd));
    at = dataEnd + 2;
  }
}
