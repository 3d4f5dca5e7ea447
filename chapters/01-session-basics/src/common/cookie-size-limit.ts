import type { RequestHandler } from 'express';

/** Browsers keep at most about 4 KB per cookie; more than that in one header is not ours. */
export const maxCookieHeaderBytes = 4096;

/**
 * A clear 431 with a JSON reason, before anything parses the cookies. (Node itself refuses
 * headers beyond 16 KB in total, with a bare 431 and no explanation.)
 */
export function refuseOversizedCookies(): RequestHandler {
  return (request, response, next) => {
    const bytes = Buffer.byteLength(request.headers.cookie ?? '');
    if (bytes <= maxCookieHeaderBytes) return next();
    response.status(431).json({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: `the Cookie header is ${bytes} bytes; this server accepts at most ${maxCookieHeaderBytes}: delete this site's cookies and try again`,
    });
  };
}
