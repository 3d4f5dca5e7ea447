import { createHmac } from 'node:crypto';

/**
 * A session cookie value as express-session (cookie-signature) makes it: `s:<id>.<HMAC>`,
 * URL-encoded. The tests mint one with a secret of their choice to prove that a lab accepts
 * its own and refuses any other.
 */
export function signedSessionCookie(sessionId: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(sessionId).digest('base64').replace(/=+$/, '');
  return encodeURIComponent(`s:${sessionId}.${mac}`);
}
