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
