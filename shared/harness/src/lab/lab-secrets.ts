import { randomBytes } from 'node:crypto';

/**
 * A secret made fresh for this run. A secret written in the repository is known to everyone
 * who cloned it: on a shared machine any other user could mint a session cookie, or a signed
 * replication message, for someone else's lab. The servers get it through their environment,
 * which only the same user (or root) can read.
 */
export function freshSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The session-cookie secret every chapter server of this run signs with. */
export const labSessionSecret = freshSecret();

/** What the labs used before they made their secrets per run: a lab must refuse both. */
export const formerConstantSecrets = {
  session: 'lab-session-secret-not-for-production',
  cluster: 'lab-cluster-secret-not-for-production',
} as const;
