import { LabClient, sleep, startLab, type Lab } from '@sessions/harness';
import { lab as definition } from '../lab/lab';
import { sessionSetCookie } from './support/set-cookie';

interface Me {
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}
interface Login {
  sessionId: string;
  userid: string;
}

const thirtyMinutesMs = 30 * 60 * 1000;

describe('the session id travels in a cookie', () => {
  let lab: Lab;
  const storedSessions = async () =>
    (
      (await (await fetch(`${lab.url}/__internal/sessions`)).json()) as {
        sessions: Array<{ id: string; userid: string | null; cartSize: number }>;
      }
    ).sessions;

  beforeAll(async () => {
    lab = await startLab(definition);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  describe('lifecycle', () => {
    it('a first visit stores nothing, so the server sends no Set-Cookie (saveUninitialized: false)', async () => {
      const visitor = new LabClient(lab.url, { name: 'visitor' });

      const page = await visitor.get('/');
      const me = await visitor.get<Me>('/me');

      expect(page.status).toBe(200);
      expect(page.headers.getSetCookie()).toEqual([]);
      expect(me.headers.getSetCookie()).toEqual([]);
      expect(me.body.sessionId).toBeNull();
      expect(await visitor.cookie('sid')).toBeUndefined();
    });

    it('logging in stores the session on the server and sends only its signed id: sid=s:<id>.<signature>', async () => {
      const user = new LabClient(lab.url, { name: 'a' });

      const login = await user.post<Login>('/login', { userid: 'a' });
      const cookie = sessionSetCookie(login.headers);

      expect(cookie?.value).toMatch(new RegExp(`^s:${login.body.sessionId}\\.[A-Za-z0-9+/]{43}$`));
      expect(cookie?.value).not.toContain('"userid"');
      const stored = (await storedSessions()).find((s) => s.id === login.body.sessionId);
      expect(stored).toMatchObject({ userid: 'a', cartSize: 0 });
    });

    it('the cookie jar sends the cookie back, and the server finds the session it names', async () => {
      const user = new LabClient(lab.url, { name: 'a' });
      const login = await user.post<Login>('/login', { userid: 'a' });

      await user.post('/cart', { item: 'apple' });
      const me = await user.get<Me>('/me');

      expect(me.body).toMatchObject({
        sessionId: login.body.sessionId,
        userid: 'a',
        cart: ['apple'],
      });
    });

    it('a login regenerates the id: the id before differs from the id after, and the old one is dead', async () => {
      const user = new LabClient(lab.url, { name: 'switcher' });
      const first = await user.post<Login>('/login', { userid: 'a' });
      const oldCookie = (await user.cookie('sid'))!;

      const second = await user.post<Login>('/login', { userid: 'b' });
      const replay = new LabClient(lab.url, { name: 'replay' });
      await replay.setCookie('sid', oldCookie);
      const withOldId = await replay.get<Me>('/me');

      expect(second.body.sessionId).not.toBe(first.body.sessionId);
      expect(withOldId.body.userid).toBeNull();
    });

    it('a cookie an attacker planted before login (a real, issued id) is replaced at login: the attacker never becomes the victim', async () => {
      const attacker = new LabClient(lab.url, { name: 'mallory' });
      const attackersLogin = await attacker.post<Login>('/login', { userid: 'mallory' });
      const victim = new LabClient(lab.url, { name: 'victim' });
      await victim.setCookie('sid', (await attacker.cookie('sid'))!);

      const victimsLogin = await victim.post<Login>('/login', { userid: 'victim' });
      const attackerNow = await attacker.get<Me>('/me');

      expect(victimsLogin.body.sessionId).not.toBe(attackersLogin.body.sessionId);
      expect(attackerNow.body.userid).not.toBe('victim');
    });

    it('logging out destroys the session: the cookie is cleared and the old id no longer works', async () => {
      const user = new LabClient(lab.url, { name: 'leaver' });
      const login = await user.post<Login>('/login', { userid: 'a' });
      const oldCookie = (await user.cookie('sid'))!;

      const logout = await user.post('/logout');
      const replay = new LabClient(lab.url, { name: 'replay' });
      await replay.setCookie('sid', oldCookie);
      const withOldId = await replay.get<Me>('/me');

      expect(logout.status).toBe(200);
      const cleared = sessionSetCookie(logout.headers);
      expect(cleared?.value).toBe('');
      expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
      expect(withOldId.body.userid).toBeNull();
      expect((await storedSessions()).map((s) => s.id)).not.toContain(login.body.sessionId);
    });
  });

  describe('cookie attributes, one by one', () => {
    let cookie: ReturnType<typeof sessionSetCookie>;
    let loggedInAt: number;

    beforeAll(async () => {
      loggedInAt = Date.now();
      const login = await new LabClient(lab.url).post('/login', { userid: 'a' });
      cookie = sessionSetCookie(login.headers);
    });

    it('HttpOnly: scripts on the page cannot read the id', () => {
      expect(cookie?.httpOnly).toBe(true);
    });

    it('SameSite=Lax: requests other sites start (their forms, images) leave it behind', () => {
      expect(cookie?.sameSite).toBe('lax');
    });

    it('Path=/: the whole site receives it', () => {
      expect(cookie?.path).toBe('/');
    });

    it('no Secure over plain HTTP (a Secure cookie would never come back over http://)', () => {
      expect(cookie?.secure).toBeUndefined();
    });

    it('Expires = now + the idle timeout (30 min): a persistent cookie, not a browser-session one', () => {
      const expires = cookie?.expires?.getTime() ?? 0;
      expect(expires).toBeGreaterThan(loggedInAt + thirtyMinutesMs - 5_000);
      expect(expires).toBeLessThan(Date.now() + thirtyMinutesMs + 5_000);
    });

    it('a forged X-Forwarded-Proto: https is not believed: no proxy stands in front, so the cookie stays without Secure', async () => {
      const forger = new LabClient(lab.url, { name: 'forger' });

      const login = await forger.post('/login', { userid: 'a' }, { 'x-forwarded-proto': 'https' });

      expect(login.status).toBe(200);
      const cookie = sessionSetCookie(login.headers);
      expect(cookie?.value).toMatch(/^s:/);
      // A client that reaches the server directly cannot claim https with a header of its own.
      expect(cookie?.secure).toBeUndefined();
    });

    it('rolling: every response sends the cookie again with a later Expires', async () => {
      const user = new LabClient(lab.url, { name: 'rolling' });
      const login = await user.post('/login', { userid: 'a' });
      await sleep(1_100); // Expires has one-second resolution

      const me = await user.get('/me');

      const before = sessionSetCookie(login.headers)?.expires ?? new Date(0);
      const after = sessionSetCookie(me.headers)?.expires ?? new Date(0);
      expect(after.getTime()).toBeGreaterThan(before.getTime());
    });
  });

  describe('bad input', () => {
    it('a tampered signed cookie is treated as no cookie: a fresh session, not an error', async () => {
      const user = new LabClient(lab.url, { name: 'a' });
      const login = await user.post<Login>('/login', { userid: 'a' });
      const value = (await user.cookie('sid'))!;
      const forger = new LabClient(lab.url, { name: 'forger' });
      // Same id, one character of the signature changed.
      const last = value.at(-1) === 'A' ? 'B' : 'A';
      await forger.setCookie('sid', `${value.slice(0, -1)}${last}`);

      const me = await forger.get<Me>('/me');

      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ userid: null, sessionId: null });
      expect((await storedSessions()).map((s) => s.id)).toContain(login.body.sessionId);
    });

    it('a bare id without a signature is not accepted either', async () => {
      const user = new LabClient(lab.url, { name: 'a' });
      const login = await user.post<Login>('/login', { userid: 'a' });
      const forger = new LabClient(lab.url, { name: 'forger' });
      await forger.setCookie('sid', login.body.sessionId);

      expect((await forger.get<Me>('/me')).body.userid).toBeNull();
    });

    it('an oversized Cookie header is refused with 431 and a JSON reason', async () => {
      const client = new LabClient(lab.url, { cookies: false });

      const response = await client.get<{ statusCode: number; message: string }>('/me', {
        cookie: `sid=${'a'.repeat(5000)}`,
      });

      expect(response.status).toBe(431);
      expect(response.body.statusCode).toBe(431);
      expect(response.body.message).toMatch(/Cookie header is \d+ bytes/);
    });
  });
});
