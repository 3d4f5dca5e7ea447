import { createHmac } from 'node:crypto';

export const messagesPath = '/__internal/replication/messages';

/** A replication message as a peer would send it, signed with `secret` (or not at all). */
export function replicationRequest(body: string, secret: string | null, timestamp = Date.now()) {
  const headers: Record<string, string> = {
    'content-type': 'application/vnd.sessions.replication+json',
  };
  if (secret !== null) {
    const signature = createHmac('sha256', secret)
      .update(`${timestamp}\nPOST\n${messagesPath}\n`)
      .update(body)
      .digest('hex');
    headers['x-cluster-timestamp'] = String(timestamp);
    headers['x-cluster-signature'] = `sha256=${signature}`;
  }
  return { method: 'POST', headers, body };
}
