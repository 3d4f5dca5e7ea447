import type { SessionData } from 'express-session';
import type { Version } from './version';

// #region replication-message
/** What one server tells another. One message per HTTP request, signed. */
export type ReplicationMessage =
  /** The whole session, as it is after this write (full-state replication, like DeltaManager's full sync). */
  | {
      kind: 'set';
      sid: string;
      version: Version;
      session: SessionData;
      owner?: string;
      backup?: string | null;
    }
  | { kind: 'destroy'; sid: string; version: Version }
  /** Only the new expiry: a read that extends the session's life. */
  | { kind: 'touch'; sid: string; expires: number | null }
  /** Primary-backup: "this session now lives on owner (and backup)"; no data. */
  | {
      kind: 'locate';
      sid: string;
      version: Version;
      owner: string;
      backup: string | null;
      expires: number | null;
    }
  /** A server joining the cluster: "add me to your peers". */
  | { kind: 'join'; url: string };

export interface Envelope {
  from: string;
  sentAt: number;
  message: ReplicationMessage;
}
// #endregion replication-message

export class MalformedMessage extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSid = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(value);
const isUrl = (value: unknown): value is string =>
  typeof value === 'string' && /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value);
const isVersion = (value: unknown): value is Version =>
  isObject(value) &&
  Number.isSafeInteger(value.at) &&
  typeof value.by === 'string' &&
  value.by.length <= 200;

/** Parses and checks a message body: anything that is not exactly a known message is malformed. */
export function parseEnvelope(body: Buffer): Envelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedMessage('the body is not JSON');
  }
  if (!isObject(parsed) || !isUrl(parsed.from) || !Number.isSafeInteger(parsed.sentAt))
    throw new MalformedMessage('expected {from, sentAt, message}');
  const message = parsed.message;
  if (!isObject(message)) throw new MalformedMessage('the message is missing');
  if (!checkMessage(message))
    throw new MalformedMessage(`not a valid ${String(message.kind)} message`);
  return parsed as unknown as Envelope;
}

function checkMessage(message: Record<string, unknown>): boolean {
  switch (message.kind) {
    case 'set':
      return (
        isSid(message.sid) &&
        isVersion(message.version) &&
        isObject(message.session) &&
        isObject(message.session.cookie) &&
        (message.owner === undefined || isUrl(message.owner)) &&
        (message.backup === undefined || message.backup === null || isUrl(message.backup))
      );
    case 'destroy':
      return isSid(message.sid) && isVersion(message.version);
    case 'touch':
      return (
        isSid(message.sid) && (message.expires === null || Number.isSafeInteger(message.expires))
      );
    case 'locate':
      return (
        isSid(message.sid) &&
        isVersion(message.version) &&
        isUrl(message.owner) &&
        (message.backup === null || isUrl(message.backup)) &&
        (message.expires === null || Number.isSafeInteger(message.expires))
      );
    case 'join':
      return isUrl(message.url);
    default:
      return false;
  }
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}
