import {
  courseSkewWorkload,
  isHealthy,
  LabClient,
  type LabResponse,
  measureEvenLoad,
  redisCommand,
  sleep,
  useLab,
  waitFor,
} from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { redisAccessTests } from './support/store-access';
import { control, testControlToken } from './lab-controls';
import { loggedInUser, userTimeoutMs, type ErrorBody, type Me } from './user';

/** Fast health checks, so that a test can wait out the time they need to take a server out. */
const healthCheck = { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 500 };
const timeToTakeOutMs = healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs);

/**
 * One Redis and three servers for every test of this file: each test works with users of its
 * own, so what one leaves in the store is invisible to the next. The settings are the union of
 * what the tests need: the dashboard's controls (stop and pause Redis), fast health checks, and
 * at most two sessions per user. The tests that stop Redis or kill a server come last.
 */
const lab = useLab(externalStorageLab('redis'), {
  controlToken: testControlToken,
  balancer: { healthCheck },
  env: { MAX_SESSIONS_PER_USER: '2' },
});

describe("chapter 03's unequal users on a shared store", () => {
  it('spread evenly over the three servers, and every request finds its session', async () => {
    // Chapter 03's mix, scaled down for the test: few heavy users, many light ones.
    const result = await measureEvenLoad(lab, {
      ...courseSkewWorkload,
      heavyRequests: 20,
      lightUsers: 20,
      arrivalTicks: 10,
    });

    expect(result.requestsWithoutSession).toBe(0);
    // Round-robin: the busiest server gets at most one request per tick more than the others.
    expect(result.maxOverMean).toBeLessThan(1.1);
    expect(Object.keys(result.requestsPerServer)).toEqual(['1', '2', '3']);
  });
});

describe('what the Redis store holds (hygiene)', () => {
  const redisUrl = () => lab.services!.env!.REDIS_URL;
  const redisPort = () => Number(new URL(redisUrl()).port);

  const redis = (...args: string[]) =>
    redisCommand(redisPort(), args, { password: decodeURIComponent(new URL(redisUrl()).password) });

  it('session ids carry at least 128 random bits (OWASP)', async () => {
    const user = await loggedInUser(lab.url, 'hygiene-a');
    const { body } = await user.get<{ sessionId: string }>('/me');

    // express-session's ids are base64url: 6 bits per character.
    expect(body.sessionId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(body.sessionId.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('every key the app writes starts with the course: prefix, sessions under course:sess:', async () => {
    const user = await loggedInUser(lab.url, 'hygiene-b');
    const { body } = await user.get<{ sessionId: string }>('/me');
    await redis('SET', 'other-app:key', 'not a session');

    const keys = (await redis('KEYS', '*')) as string[];

    expect(keys).toContain(`course:sess:${body.sessionId}`);
    expect(keys).toContain('course:user-sessions:hygiene-b');
    expect(keys.filter((key) => !key.startsWith('course:'))).toEqual(['other-app:key']);
    // The other app's key is invisible to the session store.
    const stats = await (await fetch(`${lab.servers[0].url}/__internal/sessions`)).json();
    expect(JSON.stringify(stats)).not.toContain('other-app');
  });

  it('a session holds only its cookie settings, the user and the cart, and expires on its own', async () => {
    const user = await loggedInUser(lab.url, 'hygiene-c');
    await user.post('/cart', { item: 'pear' });
    const { body } = await user.get<{ sessionId: string }>('/me');
    const key = `course:sess:${body.sessionId}`;

    const stored = JSON.parse(String(await redis('GET', key))) as Record<string, unknown>;
    const ttl = Number(await redis('TTL', key));

    expect(Object.keys(stored).sort()).toEqual(['cart', 'cookie', 'userid']);
    expect(stored).toMatchObject({ userid: 'hygiene-c', cart: ['pear'] });
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30 * 60);
  });

  it("a user's session index lives as long as the user's most recently used session", async () => {
    const user = await loggedInUser(lab.url, 'hygiene-d');
    const indexKey = 'course:user-sessions:hygiene-d';
    await redis('EXPIRE', indexKey, '5');

    await user.get('/me');

    // The request refreshed the index's lifetime along with the session's.
    expect(Number(await redis('TTL', indexKey))).toBeGreaterThan(5);
  });
});

interface SessionList {
  userid: string;
  limit: number;
  sessions: Array<{ fingerprint: string; current: boolean }>;
}

/** Beyond the source, as Spring Session's indexed sessions do it. */
describe("a user's sessions across devices (Redis index, at most 2 per user)", () => {
  it('lists the sessions of the logged-in user, marks the current one, and never shows other ids', async () => {
    const laptop = await loggedInUser(lab.url, 'alice', 'alice-laptop');
    const phone = await loggedInUser(lab.url, 'alice', 'alice-phone');
    await loggedInUser(lab.url, 'bob');

    const list = await phone.get<SessionList>('/sessions');
    const laptopId = (await laptop.get<Me>('/me')).body.sessionId!;

    expect(list.body.userid).toBe('alice');
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.map((session) => session.current)).toEqual([false, true]);
    expect(JSON.stringify(list.body)).not.toContain(laptopId);
  });

  it('a third login ends the oldest session: the first device is logged out, the others stay', async () => {
    const first = await loggedInUser(lab.url, 'carol', 'carol-1');
    const second = await loggedInUser(lab.url, 'carol', 'carol-2');
    const third = await loggedInUser(lab.url, 'carol', 'carol-3');

    const states = await Promise.all(
      [first, second, third].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );
    const list = await third.get<SessionList>('/sessions');

    expect(states).toEqual([null, 'carol', 'carol']);
    expect(list.body.sessions).toHaveLength(2);
  });

  it('"log out everywhere" ends every session of that user and no one else\'s', async () => {
    const desk = await loggedInUser(lab.url, 'dave', 'dave-desk');
    const tablet = await loggedInUser(lab.url, 'dave', 'dave-tablet');
    const erin = await loggedInUser(lab.url, 'erin');

    const out = await tablet.post<{ sessionsEnded: number }>('/sessions/logout-everywhere');
    const after = await Promise.all(
      [desk, tablet, erin].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );

    expect(out.status).toBe(200);
    expect(out.body.sessionsEnded).toBe(2);
    expect(after).toEqual([null, null, 'erin']);
  });

  it('asking for sessions without being logged in is a 401 with a message', async () => {
    const anonymous = new LabClient(lab.url, { timeoutMs: 5000 });
    const list = await anonymous.get<{ message: string }>('/sessions');
    const out = await anonymous.post<{ message: string }>('/sessions/logout-everywhere');

    expect([list.status, out.status]).toEqual([401, 401]);
    expect(list.body.message).toMatch(/POST \/login/);
  });
});

describe('chapter 05 with redis: another local user and the store', () => {
  redisAccessTests(lab);
});

/** The store as the single point of failure (단일 장애점 SPoF). */
describe('when Redis stops', () => {
  it('a request that needs the session gets a 503 JSON message, not a hang or an empty session', async () => {
    const user = await loggedInUser(lab.url, 'outage-a');
    await control(lab, 'stop-redis');
    try {
      // The client gives up after 5 s: a hung request fails this test.
      const me = await user.get<ErrorBody>('/me');
      const login = await user.post<ErrorBody>('/login', { userid: 'outage-a' });

      expect(me.status).toBe(503);
      expect(me.headers.get('content-type')).toMatch(/json/);
      expect(me.body.message).toMatch(/session store/);
      expect(login.status).toBe(503);
      expect(login.body.message).toMatch(/session store/);
    } finally {
      await control(lab, 'start-redis');
    }
  });

  it('/health stays 200 during the outage, so every server stays in the balancer pool', async () => {
    await control(lab, 'stop-redis');
    try {
      const health = await Promise.all(lab.servers.map((server) => isHealthy(server.url)));
      // Nothing to wait for but time: twice what failing checks would need to take a server out.
      await sleep(2 * timeToTakeOutMs);
      const state = (await (await fetch(`${lab.url}/__lb/state`)).json()) as {
        servers: Array<{ health: string }>;
      };

      expect(health).toEqual(lab.servers.map(() => true));
      expect(state.servers.map((server) => server.health)).toEqual(lab.servers.map(() => 'up'));
    } finally {
      await control(lab, 'start-redis');
    }
  });

  it('when Redis comes back, the same server processes serve sessions again without a restart', async () => {
    const pids = lab.servers.map((server) => server.pid);
    await control(lab, 'stop-redis');
    const during = await loggedInUser(lab.url, 'outage-b').catch((error: Error) => error.message);
    await control(lab, 'start-redis');

    const user = await eventually(() => loggedInUser(lab.url, 'outage-b'));
    const answers = await everyServerServes(user);

    expect(during).toMatch(/answered 503/);
    expect(answers.map((me) => [me.servedBy, me.body.userid]).sort()).toEqual(
      lab.servers.map((server) => [server.id, 'outage-b']),
    );
    expect(lab.servers.map((server) => server.pid)).toEqual(pids);
  });

  it('a Redis that hangs (SIGSTOP) also gives a 503 once the store deadline passes', async () => {
    const user = await loggedInUser(lab.url, 'outage-c');
    await everyServerServes(user); // every server's client is connected before Redis hangs
    await control(lab, 'pause-redis');
    try {
      const me = await user.get<ErrorBody>('/me');

      expect(me.status).toBe(503);
      expect(me.body.message).toMatch(/no answer within/);
    } finally {
      await control(lab, 'resume-redis');
    }
    const after = await everyServerServes(user);
    expect(after.map((me) => me.body.userid)).toEqual(lab.servers.map(() => 'outage-c'));
  });
});

/**
 * One `/me` per server (round-robin sends each to the next), again until every server serves
 * the session: after Redis returns, each server's client reconnects on its own schedule (its
 * back-off is at most 1 s), so one server answering says nothing of the others.
 */
async function everyServerServes(user: LabClient): Promise<Array<LabResponse<Me>>> {
  return eventually(async () => {
    const answers: Array<LabResponse<Me>> = [];
    for (let i = 0; i < lab.servers.length; i++) answers.push(await user.get<Me>('/me'));
    const notYet = answers.filter((me) => me.status !== 200 || me.body.userid === null);
    if (notYet.length > 0)
      throw new Error(
        `not every server serves the session yet: ${notYet.map((me) => `server ${me.servedBy} answered ${me.status}`).join(', ')}`,
      );
    return answers;
  });
}

/** Retries for up to 10 s: the client reconnects in the background after Redis returns. */
async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('three servers sharing one Redis behind round-robin', () => {
  it('any server answers any request: the login on one server is known to all three', async () => {
    const user = await loggedInUser(lab.url, 'a');

    const answers: Me[] = [];
    for (let i = 0; i < 6; i++) answers.push((await user.get<Me>('/me')).body);

    expect(new Set(answers.map((answer) => answer.server))).toEqual(new Set(['1', '2', '3']));
    expect(answers.map((answer) => answer.userid)).toEqual(Array(6).fill('a'));
  });

  it('a cart item added through one server is in the cart that the next server shows', async () => {
    const user = await loggedInUser(lab.url, 'b');

    const added = await user.post<Me>('/cart', { item: 'apple' });
    const next = await user.get<Me>('/me');

    expect(next.servedBy).not.toBe(added.servedBy);
    expect(next.body.cart).toEqual(['apple']);
  });

  it('when a server is killed (kill -9) under load, no user loses the session', async () => {
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) => loggedInUser(lab.url, `load-${i}`)),
    );
    const wrongAnswers: string[] = [];
    let answered = 0;
    let running = true;
    const load = users.map(async (user, i) => {
      while (running) {
        const me = await user.get<Me>('/me').catch(() => undefined);
        // A request in flight on the server at the instant it dies may fail (502): that is
        // the crash. A 200 that does not know the user would be a lost session.
        if (me?.status === 200) {
          answered += 1;
          if (me.body.userid !== `load-${i}`)
            wrongAnswers.push(`load-${i} got ${JSON.stringify(me.body)}`);
        }
      }
    });

    // Each request answers or gives up within the client's timeout, so a few rounds of the
    // load fit in a few timeouts however busy the machine is.
    const rounds = (count: number) => ({
      answers: count * users.length,
      within: count * userTimeoutMs,
    });
    let answeredAtKill = 0;
    try {
      await waitFor(
        () => answered >= rounds(2).answers,
        'two rounds of answers before the kill',
        rounds(2).within,
      );
      await lab.server('2').kill();
      answeredAtKill = answered;
      await waitFor(
        () => answered >= answeredAtKill + rounds(2).answers,
        'two rounds of answers from the surviving servers',
        rounds(2).within,
      );
    } finally {
      running = false;
      await Promise.all(load);
    }

    expect(wrongAnswers).toEqual([]);
    expect(answered).toBeGreaterThan(answeredAtKill);
    for (const [i, user] of users.entries()) {
      const me = await user.get<Me>('/me');
      expect({ status: me.status, userid: me.body.userid }).toEqual({
        status: 200,
        userid: `load-${i}`,
      });
    }
    await lab.server('2').start();
  });

  it('a user with no session gets userid null from any server, not an error', async () => {
    const stranger = new LabClient(lab.url, { name: 'stranger', timeoutMs: 5000 });
    const me = await stranger.get<Me>('/me');
    expect(me.status).toBe(200);
    expect(me.body.userid).toBeNull();
  });
});
