import { createHmac, timingSafeEqual } from 'node:crypto';

export const timestampHeader = 'x-cluster-timestamp';
export const signatureHeader = 'x-cluster-signature';

/** Why a message was refused; each reason has its own counter in /__internal/stats. */
export type RejectionReason =
  | 'unsigned'
  | 'bad-signature'
  | 'malformed'
  | 'oversized'
  | 'stale'
  | 'future-version'
  | 'not-a-member'
  | 'peers-full';

export type Verdict = { ok: true } | { ok: false; reason: RejectionReason; message: string };

/** A signed message older or newer than this is refused, so a captured one cannot be replayed later. */
export const maxClockSkewMs = 30_000;

// #region message-signing
/**
 * Every replication message carries an HMAC-SHA256 over exactly the bytes that were sent:
 * the timestamp, the method, the path and the body. Only a server that knows
 * CLUSTER_SECRET can write into another server's sessions.
 */
export class MessageSigner {
  constructor(private readonly secret: string) {}

  sign(method: string, path: string, body: Buffer, now = Date.now()): Record<string, string> {
    const timestamp = String(now);
    return {
      [timestampHeader]: timestamp,
      [signatureHeader]: `sha256=${this.mac(timestamp, method, path, body).toString('hex')}`,
    };
  }

  verify(
    method: string,
    path: string,
    body: Buffer,
    timestamp: string | undefined,
    signature: string | undefined,
    now = Date.now(),
  ): Verdict {
    if (!timestamp || !signature)
      return { ok: false, reason: 'unsigned', message: 'replication messages must be signed' };
    const match = /^sha256=([0-9a-f]{64})$/.exec(signature);
    if (!/^\d{1,15}$/.test(timestamp) || !match)
      return { ok: false, reason: 'malformed', message: 'the signature headers are malformed' };
    if (Math.abs(now - Number(timestamp)) > maxClockSkewMs)
      return { ok: false, reason: 'stale', message: 'the message timestamp is too old or too new' };
    const expected = this.mac(timestamp, method, path, body);
    if (!timingSafeEqual(expected, Buffer.from(match[1], 'hex')))
      return { ok: false, reason: 'bad-signature', message: 'the signature does not match' };
    return { ok: true };
  }

  private mac(timestamp: string, method: string, path: string, body: Buffer): Buffer {
    return createHmac('sha256', this.secret)
      .update(`${timestamp}\n${method.toUpperCase()}\n${path}\n`)
      .update(body)
      .digest();
  }
}
// #endregion message-signing
