import type { RequestHandler } from 'express';
import session, { type Store } from 'express-session';
import type { ServerConfig } from '@sessions/course-app';
import { sessionCookieName, sessionMaxAgeMs } from './keys';

// #region session-middleware
/**
 * The same express-session as chapter 02; only the store changed. The default id generator
 * draws 24 random bytes (192 bits), above OWASP's 128-bit minimum.
 */
export function sessionMiddleware(config: ServerConfig, store: Store): RequestHandler {
  const middleware = session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: sessionMaxAgeMs },
  });
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
