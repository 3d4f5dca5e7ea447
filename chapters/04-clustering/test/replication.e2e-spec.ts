import {
  formerConstantSecrets,
  LabClient,
  labSessionSecret,
  measureEvenLoad,
  signedSessionCookie,
  useLab,
  waitFor,
} from '@sessions/harness';
import {
  cookieHeaderOf,
  meOn,
  replicationSettled,
  sessionIdsOn,
  statsOf,
} from '../lab/experiments/cluster-probe';
import { createSessions, measureHoldings } from '../lab/experiments/memory';
import { measureTraffic } from '../lab/experiments/network';
import { measureJoin } from '../lab/experiments/scale-out';
import { lab as definition, labClusterSecret } from '../lab/lab';
import { maxClockSkewMs } from '../src/replication/message-signing';
import { messagesPath, replicationRequest, setMessage } from './support/replication-request';

/** A forged write: a session for user admin, stamped as newer than any real one. */
const forgedSet = (sid: string) => setMessage(sid, Date.now() + 1000, 'admin', 'attacker');

const joinMessage = (url: string) =>
  JSON.stringify({ from: url, sentAt: Date.now(), message: { kind: 'join', url } });

async function post(serverUrl: string, body: string, secret: string) {
  const response = await fetch(`${serverUrl}${messagesPath}`, replicationRequest(body, secret));
  return {
    status: response.status,
    message: ((await response.json()) as { message?: string }).message,
  };
}

/**
 * One lab of three replicating servers for every test of this file. The tests that count from a
 * fresh start (the first login, the first replicated write) come first; the admission checks
 * after the restarts and the scale-out, on a cluster that has been through them.
 */
const lab = useLab(definition, { balancer: { healthCheck: { intervalMs: 200 } } });

describe('three replicating servers behind plain round-robin', () => {
  it('a session created on server 1 is known on every server: round-robin no longer loses it', async () => {
    const user = new LabClient(lab.url, { name: 'a' });
    const login = await user.post<{ server: string }>('/login', { userid: 'a' });
    await replicationSettled(lab.servers);

    const answers = [];
    for (let i = 0; i < 3; i++)
      answers.push((await user.get<{ server: string; userid: string }>('/me')).body);

    expect(new Set(answers.map((answer) => answer.server)).size).toBe(3);
    expect(answers.map((answer) => answer.userid)).toEqual(['a', 'a', 'a']);
    expect(login.body.server).toBe('1');
    // express-session saved the new session twice during the login; only one write was replicated.
    expect((await statsOf(lab.server('1'))).replication.writes).toBe(1);
  });

  it('the replication endpoint is not reachable through the balancer', async () => {
    const response = await fetch(
      `${lab.url}${messagesPath}`,
      replicationRequest(forgedSet('x'), labClusterSecret),
    );
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('x-served-by')).toBeNull();
  });

  it('unsigned, wrongly signed, stale, malformed and oversized messages are rejected, counted, and never applied', async () => {
    const target = lab.server('2');
    const before = (await statsOf(target)).replication.rejected;
    const sid = 'forgedsessionid0000000000000001';
    const attempts = [
      { name: 'unsigned', init: replicationRequest(forgedSet(sid), null), status: 401 },
      {
        name: 'bad-signature',
        init: replicationRequest(forgedSet(sid), 'a-guessed-secret-000000'),
        status: 401,
      },
      {
        name: 'stale',
        init: replicationRequest(forgedSet(sid), labClusterSecret, Date.now() - 120_000),
        status: 401,
      },
      {
        name: 'malformed',
        init: replicationRequest('{"from": "not json', labClusterSecret),
        status: 400,
      },
      {
        name: 'malformed',
        init: replicationRequest(
          '{"from":"http://127.0.0.1:1","sentAt":1,"message":{"kind":"drop-table"}}',
          labClusterSecret,
        ),
        status: 400,
      },
      {
        name: 'oversized',
        init: replicationRequest('x'.repeat(70 * 1024), labClusterSecret),
        status: 413,
      },
    ];
    for (const attempt of attempts) {
      const response = await fetch(`${target.url}${messagesPath}`, attempt.init);
      const body = (await response.json()) as { message: string };
      expect({ attempt: attempt.name, status: response.status }).toEqual({
        attempt: attempt.name,
        status: attempt.status,
      });
      expect(body.message).toContain(`rejected (${attempt.name})`);
    }

    const after = (await statsOf(target)).replication.rejected;
    expect(after.unsigned - before.unsigned).toBe(1);
    expect(after['bad-signature'] - before['bad-signature']).toBe(1);
    expect(after.stale - before.stale).toBe(1);
    expect(after.malformed - before.malformed).toBe(2);
    expect(after.oversized - before.oversized).toBe(1);
    expect(await sessionIdsOn(target)).not.toContain(sid);
  });

  it('a correctly signed message is applied: the secret is the only thing between a peer and the sessions', async () => {
    const target = lab.server('3');
    const sid = 'signedsessionid000000000000001';
    const response = await fetch(
      `${target.url}${messagesPath}`,
      replicationRequest(forgedSet(sid), labClusterSecret),
    );
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(await sessionIdsOn(target)).toContain(sid);

    // And a signed destroy with a newer version removes it again.
    const destroy = JSON.stringify({
      from: 'http://127.0.0.1:1',
      sentAt: Date.now(),
      message: { kind: 'destroy', sid, version: { at: Date.now() + 2000, by: 'attacker' } },
    });
    await (
      await fetch(`${target.url}${messagesPath}`, replicationRequest(destroy, labClusterSecret))
    ).arrayBuffer();
    expect(await sessionIdsOn(target)).not.toContain(sid);
  });

  it('memory: with S sessions and N servers, every server holds all S', async () => {
    await createSessions(lab, 20, 2);
    const result = await measureHoldings(lab, 20);
    const everywhere = await Promise.all(lab.servers.map(sessionIdsOn));

    // The same session ids on every server, and as many bytes on each.
    expect(everywhere[1].sort()).toEqual(everywhere[0].sort());
    expect(everywhere[2].sort()).toEqual(everywhere[0].sort());
    expect(everywhere[0].length).toBeGreaterThanOrEqual(20);
    expect(new Set(result.perServer.map((server) => server.storeBytes)).size).toBe(1);
  });

  it('network: bytes on the wire per write are (N-1) × the session size plus a fixed per-message overhead', async () => {
    const users = await createSessions(lab, 5, 0);
    const small = await measureTraffic(lab, users, 2);
    const large = await measureTraffic(lab, users, 30);

    for (const result of [small, large]) {
      expect(result.messagesPerWrite).toBe(2);
      expect(result.wireBytesPerWrite).toBeGreaterThan(result.expectedBytesPerWrite);
      // HTTP request headers, the signature and the envelope: well under a kilobyte per message.
      expect(result.overheadBytesPerMessage).toBeGreaterThan(100);
      expect(result.overheadBytesPerMessage).toBeLessThan(1024);
    }
    // Bigger sessions cost more bytes; the overhead per message stays the same.
    expect(large.serializedBytesPerWrite).toBeGreaterThan(small.serializedBytesPerWrite * 2);
    expect(Math.abs(large.overheadBytesPerMessage - small.overheadBytesPerMessage)).toBeLessThan(
      64,
    );
  });

  it("even load: chapter 03's skewed users spread evenly, because every server can answer everyone", async () => {
    const result = await measureEvenLoad(lab, {
      heavyUsers: 2,
      heavyRequests: 20,
      lightUsers: 16,
      lightRequests: 2,
      arrivalTicks: 8,
      seed: 3,
    });

    expect(result.maxOverMean).toBeLessThanOrEqual(1.05);
    // Every heavy user was served by all three servers: nobody is tied to one.
    for (const servers of Object.values(result.heavyUsersServedBy))
      expect(servers.sort()).toEqual(['1', '2', '3']);
  });

  it('a restarted server pulls every session from a peer before it answers /health (state transfer)', async () => {
    const server = lab.server('2');
    const expected = (await sessionIdsOn(lab.server('1'))).sort();

    await server.restart();

    const held = (await sessionIdsOn(server)).sort();
    const stats = await statsOf(server);
    expect(held).toEqual(expected);
    expect(stats.replication.stateTransfer?.sessions).toBe(expected.length);
    expect(stats.replication.stateTransfer?.wireBytes).toBeGreaterThan(0);
  });

  it('scale-out: a fourth server announces itself, pulls every session, and then takes traffic', async () => {
    const join = await measureJoin(lab);
    const newcomer = lab.server(join.server);

    expect(join.server).toBe('4');
    expect(join.sessionsHeld).toBe(join.sessionsBefore);
    expect(join.peersThatKnowIt).toBe(3);
    // Every session crossed the wire once: the bytes pulled are at least the sessions' own size.
    expect(join.bytesPulled).toBeGreaterThan((await statsOf(lab.server('1'))).bytes);

    // A write on server 1 now reaches server 4 too: server 1 learned about it from the join.
    const user = new LabClient(lab.server('1').url, { name: 'after-join' });
    await user.post('/login', { userid: 'after-join' });
    await replicationSettled(lab.servers);
    expect((await meOn(newcomer, await cookieHeaderOf(user))).userid).toBe('after-join');
    expect(lab.balancer?.pool.get('4')?.health).toBe('up');
  });
  it('while it pulls the state, a starting server answers /health with 503, and a hung peer is skipped', async () => {
    const hung = lab.server('1');
    const restarting = lab.server('3');
    hung.pause();
    try {
      const healthAnswers: number[] = [];
      const restarted = restarting.restart();
      // The server asks the hung peer first and waits out its timeout: meanwhile it is not ready.
      while (!healthAnswers.includes(200)) {
        const status = await fetch(`${restarting.url}/health`).then(
          (response) => response.status,
          () => 0,
        );
        healthAnswers.push(status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await restarted;

      expect(healthAnswers).toContain(503);
      const transfer = (await statsOf(restarting)).replication.stateTransfer;
      expect(transfer?.from).not.toBe(hung.url);
      expect(transfer?.sessions).toBeGreaterThan(0);
    } finally {
      hung.resume();
    }
  });
});

describe('what a correctly signed replication message can no longer do', () => {
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
