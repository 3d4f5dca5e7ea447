import type { Request } from 'express';

export class OversizedBody extends Error {}
export class UnreadableBody extends Error {}

/** The exact bytes of the request body (the signature covers them), up to `limit`. */
export async function readRawBody(request: Request, limit: number): Promise<Buffer> {
  // express.json() already consumed an application/json body: its bytes are gone.
  if (request.readableEnded || (request as Request & { _body?: boolean })._body)
    throw new UnreadableBody(
      'replication messages are sent as application/vnd.sessions.replication+json',
    );
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new OversizedBody(`the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new OversizedBody(`the body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
