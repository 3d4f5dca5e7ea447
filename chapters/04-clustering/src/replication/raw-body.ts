import express, { type Request, type Response } from 'express';

export class OversizedBody extends Error {}
export class UnreadableBody extends Error {}

/**
 * Reads the exact bytes of a request body (the signature covers them), up to `limit`, with
 * express.raw. Any content type is read as bytes; a body express.json() already parsed
 * has lost its bytes and is refused.
 */
export function rawBodyReader(
  limit: number,
): (request: Request, response: Response) => Promise<Buffer> {
  const parse = express.raw({ type: () => true, limit });
  return (request, response) =>
    new Promise((resolve, reject) => {
      if (request.readableEnded || (request as Request & { _body?: boolean })._body)
        return reject(
          new UnreadableBody(
            'replication messages are sent as application/vnd.sessions.replication+json',
          ),
        );
      parse(request, response, (error?: unknown) => {
        if (error) return reject(bodyError(error, limit));
        resolve(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
      });
    });
}

function bodyError(error: unknown, limit: number): Error {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return new OversizedBody(`the body is larger than ${limit} bytes`);
  if (type === 'request.aborted') return error as Error;
  return new UnreadableBody(`the body could not be read: ${(error as Error).message}`);
}
