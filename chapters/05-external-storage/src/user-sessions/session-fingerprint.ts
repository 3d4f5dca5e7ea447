import { createHash } from 'node:crypto';

/** Other sessions are shown by a fingerprint, never by their id: an id is a bearer credential. */
export function sessionFingerprint(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex').slice(0, 12);
}
