import { LabClient, startLab, type Lab } from '@sessions/harness';
import { lab as definition } from '../lab/lab';

interface Me {
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

describe('the header carrier for APIs: X-Auth-Token under /api (as Spring Session does)', () => {
  let lab: Lab;
  /** An API client: no cookie jar, the token in a header it keeps itself. */
  const apiClient = () => new LabClient(lab.url, { name: 'api', cookies: false });
  const token = (headers: Headers) => headers.get('x-auth-token');

  beforeAll(async () => {
    lab = await startLab(definition);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('login returns the new id in X-Auth-Token and sets no cookie', async () => {
    const login = await apiClient().post<{ sessionId: string }>('/api/login', { userid: 'a' });

    expect(login.status).toBe(200);
    expect(token(login.headers)).toBe(login.body.sessionId);
    expect(login.headers.getSetCookie()).toEqual([]);
  });

  it('sending the token back reaches the same session: me and cart work', async () => {
    const client = apiClient();
    const id = token((await client.post('/api/login', { userid: 'a' })).headers)!;

    await client.post('/api/cart', { item: 'apple' }, { 'x-auth-token': id });
    const me = await client.get<Me>('/api/me', { 'x-auth-token': id });

    expect(me.body).toMatchObject({ sessionId: id, userid: 'a', cart: ['apple'] });
    expect(token(me.headers)).toBeNull(); // nothing new to tell the client
  });

  it('a login with a token regenerates the id: the new one comes back, the old one is dead', async () => {
    const client = apiClient();
    const first = token((await client.post('/api/login', { userid: 'a' })).headers)!;

    const second = token(
      (await client.post('/api/login', { userid: 'b' }, { 'x-auth-token': first })).headers,
    )!;

    expect(second).not.toBe(first);
    expect((await client.get<Me>('/api/me', { 'x-auth-token': first })).body.userid).toBeNull();
    expect((await client.get<Me>('/api/me', { 'x-auth-token': second })).body.userid).toBe('b');
  });

  it('logout destroys the session and answers with an empty X-Auth-Token', async () => {
    const client = apiClient();
    const id = token((await client.post('/api/login', { userid: 'a' })).headers)!;

    const logout = await client.post('/api/logout', undefined, { 'x-auth-token': id });

    expect(token(logout.headers)).toBe('');
    expect((await client.get<Me>('/api/me', { 'x-auth-token': id })).body.userid).toBeNull();
  });

  it('cookies are not a carrier under /api: a browser cookie alone gets no session there', async () => {
    const browser = new LabClient(lab.url, { name: 'with-jar' });
    await browser.post('/login', { userid: 'a' });

    const viaApi = await browser.get<Me>('/api/me');

    expect(viaApi.body.userid).toBeNull();
  });

  it.each([
    ['an id the server never issued', 'AttackerMadeThisUp0123456789abcd'],
    ['a malformed token', 'not a session id'],
  ])(
    '%s is not adopted: no session, and the next login gets an id of its own',
    async (_label, sent) => {
      const client = apiClient();

      const me = await client.get<Me>('/api/me', { 'x-auth-token': sent });
      const login = await client.post('/api/login', { userid: 'a' }, { 'x-auth-token': sent });

      expect(me.status).toBe(200);
      expect(me.body.userid).toBeNull();
      expect(token(login.headers)).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(token(login.headers)).not.toBe(sent);
    },
  );
});
