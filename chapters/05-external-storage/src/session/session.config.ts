import type { RequestHandler } from 'express';
import type { Store } from 'express-session';
import { courseSession, type ServerConfig } from '@sessions/course-app';

// #region session-middleware
/**
 * The course's express-session, as in chapter 02; only the store changed. What this chapter
 * adds around it: a store that does not answer makes a 503, and never stalls /health.
 */
export function sessionMiddleware(config: ServerConfig, store: Store): RequestHandler {
  const middleware = courseSession(config, store);
  return (request, response, next) => {
    // Liveness must not depend on the store (docs/ARCHITECTURE.md: /health is liveness only).
    if (request.path === '/health') return next();
    middleware(request, response, (error?: unknown) => {
      if (!error) return next();
      storeFailed(response, error);
    });
  };
}

/**
 * When the store cannot load the session, express-session hands the error to Express, whose
 * default answer is an HTML 500. The honest answer is a 503 the client can read and retry.
 */
function storeFailed(response: Parameters<RequestHandler>[1], error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  if (response.headersSent) {
    console.warn(`session store failed after the response started: ${reason}`);
    return;
  }
  response.status(503).json({
    statusCode: 503,
    error: 'Service Unavailable',
    message: `the session store did not answer (${reason}); try again shortly`,
  });
}
// #endregion session-middleware
