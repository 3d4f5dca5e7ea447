import {
  formerConstantSecrets,
  LabClient,
  labSessionSecret,
  signedSessionCookie,
  useLab,
  waitFor,
} from '@sessions/harness';
import { meOn, replicationSettled, statsOf } from '../lab/experiments/cluster-probe';
import { lab as definition, labClusterSecret } from '../lab/lab';
import { maxClockSkewMs } from '../src/replication/message-signing';
import { messagesPath, replicationRequest } from './support/replication-request';

const setMessage = (sid: string, at: number, userid: string) =>
  JSON.stringify({
    from: 'http://127.0.0.1:1',
    sentAt: Date.now(),
    message: {
      kind: 'set',
      sid,
      version: { at, by: 'http://127.0.0.1:1' },
      session: { cookie: { originalMaxAge: 60_000, expires: null }, userid, cart: [] },
    },
  });

const joinMessage = (url: string) =>
  JSON.stringify({ from: url, sentAt: Date.now(), message: { kind: 'join', url } });

async function post(serverUrl: string, body: string, secret: string) {
  const response = await fetch(`${serverUrl}${messagesPath}`, replicationRequest(body, secret));
  return {
    status: response.status,
    message: ((await response.json()) as { message?: string }).message,
  };
}

describe('what a correctly signed replication message can no longer do', () => {
  const lab = useLab(definition, { balancer: { healthCheck: { intervalMs: 200 } } });

  async function loggedIn(userid: string) {
    const user = new LabClient(lab.url, { name: userid });
    await user.post('/login', { userid });
    // Replication is asynchronous: until it settles, the next server in the rotation may not
    // know this session yet and would answer /me as for a stranger.
    await replicationSettled(lab.servers);
    const me = await user.get<{ sessionId?: string }>('/me');
    expect(me.body.sessionId).toEqual(expect.any(String));
    return { user, sid: me.body.sessionId as string };
  }

  it('a version stamped beyond the allowed clock skew is refused and counted; the user’s own later write still wins everywhere', async () => {
    const { user, sid } = await loggedIn('skew-a');
    const target = lab.server('2');
    const before = (await statsOf(target)).replication.rejected['future-version'];

    const pinned = await post(
      target.url,
      setMessage(sid, Number.MAX_SAFE_INTEGER, 'mallory'),
      labClusterSecret,
    );
    const justAhead = await post(
      target.url,
      setMessage(sid, Date.now() + 2 * maxClockSkewMs, 'mallory'),
      labClusterSecret,
    );

    expect(pinned.status).toBe(400);
    expect(pinned.message).toContain('rejected (future-version)');
    expect(justAhead.status).toBe(400);
    expect((await statsOf(target)).replication.rejected['future-version'] - before).toBe(2);

    await user.post('/cart', { item: 'apple' });
    await replicationSettled(lab.servers);
    const cookie = await user.jar.getCookieString(user.baseUrl);
    for (const server of lab.servers) {
      const me = await meOn(server, cookie);
      expect({ server: server.id, userid: me.userid, cart: me.cart }).toEqual({
        server: server.id,
        userid: 'skew-a',
        cart: ['apple'],
      });
    }
  });

  it('the same message with a current version and the lab’s key is applied (the control)', async () => {
    const sid = 'controlsessionid00000000000001';
    const applied = await post(
      lab.server('2').url,
      setMessage(sid, Date.now(), 'control'),
      labClusterSecret,
    );
    expect(applied.status).toBe(200);
  });

  it('a join announcing a server outside the configured members is refused and counted; a configured member is accepted', async () => {
    const target = lab.server('1');
    const before = (await statsOf(target)).replication;

    const stranger = await post(target.url, joinMessage('http://127.0.0.1:9'), labClusterSecret);
    const member = await post(target.url, joinMessage(lab.server('3').url), labClusterSecret);

    expect(stranger.status).toBe(403);
    expect(stranger.message).toContain('rejected (not-a-member)');
    expect(member.status).toBe(200);
    const after = (await statsOf(target)).replication;
    expect(after.rejected['not-a-member'] - before.rejected['not-a-member']).toBe(1);
    expect(after.peers).not.toContain('http://127.0.0.1:9');
    expect(after.peers.sort()).toEqual(before.peers.sort());
  });

  it('a server the lab adds later is in the configured members, so its join is accepted', async () => {
    const added = await lab.addServer();
    await waitFor(
      async () => (await statsOf(lab.server('1'))).replication.peers.includes(added.url),
      `server 1 to list server ${added.id} as a peer`,
    );
  });

  it('messages and cookies made with the keys the repository once shipped are refused; the lab’s own are accepted', async () => {
    const { sid } = await loggedIn('old-keys');
    const oldKey = await post(
      lab.server('2').url,
      setMessage('oldkeysession0000000000001', Date.now(), 'mallory'),
      formerConstantSecrets.cluster,
    );
    expect(oldKey.status).toBe(401);

    const meWith = async (secret: string) =>
      (await meOn(lab.server('1'), `sid=${signedSessionCookie(sid, secret)}`)).userid;
    expect(await meWith(formerConstantSecrets.session)).toBeNull();
    expect(await meWith(labSessionSecret)).toBe('old-keys');
  });
});

describe('a peer that stays unreachable', () => {
  const peerTimeoutMs = 1000;
  const lab = useLab(definition, { env: { PEER_TIMEOUT_MS: String(peerTimeoutMs) } });

  it('is dropped from the peers after PEER_TIMEOUT_MS, and taken back when it returns and announces itself', async () => {
    const survivor = lab.server('1');
    const victim = lab.server('3');
    await victim.kill();

    // Every write is a message to every peer: the dead one fails until it is dropped.
    const user = new LabClient(survivor.url, { name: 'writer' });
    await user.post('/login', { userid: 'writer' });
    await waitFor(
      async () => {
        await user.post('/cart', { item: 'x' });
        return !(await statsOf(survivor)).replication.peers.includes(victim.url);
      },
      `server 1 to drop server 3 after ${peerTimeoutMs} ms of failures`,
      peerTimeoutMs + 15_000,
      100,
    );
    expect((await statsOf(survivor)).replication.peersDropped).toBe(1);

    await victim.start();
    expect((await statsOf(survivor)).replication.peers).toContain(victim.url);
  });
});
