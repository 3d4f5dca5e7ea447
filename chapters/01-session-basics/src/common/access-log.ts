import type { RequestHandler } from 'express';

// #region access-log
/**
 * One line per request, the request line as the client sent it, like nginx's and
 * Tomcat's access logs. Whatever travels in the URL (a ;jsessionid=...) lands here,
 * in files that are kept, rotated, shipped and read by many people.
 */
export function accessLog(write: (line: string) => void = console.log): RequestHandler {
  return (request, response, next) => {
    response.on('finish', () =>
      write(
        `${request.ip ?? '-'} - - [${new Date().toISOString()}] "${request.method} ${request.originalUrl} HTTP/${request.httpVersion}" ${response.statusCode}`,
      ),
    );
    next();
  };
}
// #endregion access-log
