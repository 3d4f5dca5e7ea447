// The chapter's own signer (its package export), so the cases sign exactly as a peer does.
import { MessageSigner } from '@sessions/chapter-04-clustering/message-signing';
import { formerConstantSecrets } from '@sessions/harness';
import { sendFetch } from '../send/fetch-http';
import type { CaseContext, HostileCase, Reply } from './hostile-case';
import { parseJson } from './session-steps';

/** Chapter 04's peer endpoint: the balancer never forwards it, so these go to a server directly. */
const messagesPath = '/__internal/replication/messages';

interface Signing {
  /** The key to sign with; undefined sends the message unsigned. */
  key?: (context: CaseContext) => string;
  /** How old the signature claims to be (a replay). */
  ageMs?: number;
  /** The path the signature covers, if not the one the message is sent to. */
  signedPath?: string;
  body?: (context: CaseContext, sid: string) => string;
}

/** A `set` message that would plant a session for "admin" on the server. */
function plantingMessage(context: CaseContext, sid: string, versionAt = Date.now()): string {
  const now = Date.now();
  return JSON.stringify({
    from: context.baseUrl,
    sentAt: now,
    message: {
      kind: 'set',
      sid,
      version: { at: versionAt, by: 'attacker' },
      session: {
        cookie: { originalMaxAge: 1_800_000, expires: new Date(now + 1_800_000).toISOString() },
        userid: 'admin',
        cart: [],
      },
    },
  });
}

/** Signed the way chapter 04's servers sign (its MessageSigner), with the attacker's key. */
function signatureHeaders(key: string, path: string, body: string, at: number) {
  return new MessageSigner(key).sign('POST', path, Buffer.from(body), at);
}

async function sessionExists(context: CaseContext, sid: string): Promise<boolean> {
  const reply = await sendFetch(`${context.baseUrl}/__internal/sessions`, {});
  const sessions = parseJson<{ sessions: Array<{ id: string }> }>(reply)?.sessions ?? [];
  return sessions.some((session) => session.id === sid);
}

function replicationCase(
  name: string,
  signing: Signing,
  expectedStatus: number,
  plants: boolean,
): HostileCase {
  return {
    kind: plants
      ? 'replication message signed with the cluster key (control)'
      : 'unsigned or wrongly signed replication message',
    name,
    target: 'app',
    send: {
      via: 'steps',
      run: async (context): Promise<Reply> => {
        const sid = `planted-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 40)}-${Date.now()}`;
        const body = signing.body?.(context, sid) ?? plantingMessage(context, sid);
        const key = signing.key?.(context);
        const headers = {
          'content-type': 'application/vnd.sessions.replication+json',
          ...(key &&
            signatureHeaders(
              key,
              signing.signedPath ?? messagesPath,
              body,
              Date.now() - (signing.ageMs ?? 0),
            )),
        };
        const reply = await sendFetch(`${context.baseUrl}${messagesPath}`, {
          method: 'POST',
          headers,
          body,
        });
        const planted = await sessionExists(context, sid);
        return {
          ...reply,
          notes: planted ? 'the session was written' : 'no session written',
          problems:
            planted === plants
              ? []
              : [plants ? 'the signed message was not applied' : 'the message planted a session'],
        };
      },
    },
    expectedStatus,
  };
}

const clusterKey = (context: CaseContext) => {
  if (!context.clusterSecret) throw new Error('this lab has no CLUSTER_SECRET');
  return context.clusterSecret;
};

/** Messages a stranger on the servers' network could send to chapter 04's replication endpoint. */
export const replicationCases: HostileCase[] = [
  replicationCase('no signature headers', {}, 401, false),
  replicationCase(
    'signed with another key',
    { key: () => 'not-the-cluster-secret-at-all' },
    401,
    false,
  ),
  replicationCase(
    'right key, replayed an hour later',
    { key: clusterKey, ageMs: 3_600_000 },
    401,
    false,
  ),
  replicationCase(
    'right key, signature made for another path',
    { key: clusterKey, signedPath: '/__internal/replication/snapshot' },
    401,
    false,
  ),
  replicationCase(
    'right key, a body that is no message',
    { key: clusterKey, body: () => '{"hello":1}' },
    400,
    false,
  ),
  replicationCase(
    'signed with the constant key the repository once shipped for labs',
    { key: () => formerConstantSecrets.cluster },
    401,
    false,
  ),
  replicationCase(
    'right key, a version stamped 2^53 ms ahead (it would win every later write)',
    {
      key: clusterKey,
      body: (context, sid) => plantingMessage(context, sid, Number.MAX_SAFE_INTEGER),
    },
    400,
    false,
  ),
  replicationCase(
    'right key, a join announcing a server outside the configured members',
    {
      key: clusterKey,
      body: (context) =>
        JSON.stringify({
          from: context.baseUrl,
          sentAt: Date.now(),
          message: { kind: 'join', url: 'http://127.0.0.1:9' },
        }),
    },
    403,
    false,
  ),
  replicationCase('unsigned, 100 KB', { body: () => 'x'.repeat(100_000) }, 413, false),
  replicationCase('right key, a valid message', { key: clusterKey }, 200, true),
];
