import { redisCommand, startLab, type Lab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { loggedInUser } from './user';

describe('what the Redis store holds (hygiene)', () => {
  let lab: Lab;
  let redisUrl: string;

  beforeAll(async () => {
    lab = await startLab(externalStorageLab('redis'), { servers: 2 });
    redisUrl = lab.services!.env!.REDIS_URL;
  });
  afterAll(async () => {
    await lab?.stop();
  });

  const redisPort = () => Number(new URL(redisUrl).port);

  const redis = (...args: string[]) =>
    redisCommand(redisPort(), args, { password: decodeURIComponent(new URL(redisUrl).password) });

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
