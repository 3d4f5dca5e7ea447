import { MessageSigner } from '../../src/replication/message-signing';

export const messagesPath = '/__internal/replication/messages';

/** A replication message as a peer would send it, signed with `secret` (or not at all). */
export function replicationRequest(body: string, secret: string | null, timestamp = Date.now()) {
  const signed =
    secret === null
      ? {}
      : new MessageSigner(secret).sign('POST', messagesPath, Buffer.from(body), timestamp);
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.sessions.replication+json',
    ...signed,
  };
  return { method: 'POST', headers, body };
}

/** A replicated session write (kind "set") for `sid`, stamped with version `at` by `by`. */
export const setMessage = (sid: string, at: number, userid: string, by = 'http://127.0.0.1:1') =>
  JSON.stringify({
    from: 'http://127.0.0.1:1',
    sentAt: Date.now(),
    message: {
      kind: 'set',
      sid,
      version: { at, by },
      session: { cookie: { originalMaxAge: 60_000, expires: null }, userid, cart: [] },
    },
  });
