import { type Lab, LabClient, startLab, useLab } from '@sessions/harness';
import { lab as definition } from '../lab/lab';
import {
  cartItems,
  form,
  formActions,
  formHeaders,
  hrefOf,
  jsessionidOf,
  textOf,
} from './support/pages';

interface Me {
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

const madeUpId = 'AttackerMadeThisUp0123456789abcd';

describe('URL rewriting: a client without a cookie jar', () => {
  let lab: Lab;
  const storedIds = async () =>
    (
      (await (await fetch(`${lab.url}/__internal/sessions`)).json()) as {
        sessions: Array<{ id: string }>;
      }
    ).sessions.map((session) => session.id);
  /** Logs in through the page's form and returns where the server redirected to. */
  const formLogin = async (client: LabClient, userid: string, action = '/form/login') => {
    const response = await client.post(action, form({ userid }), formHeaders);
    expect(response.status).toBe(303);
    return response.headers.get('location')!;
  };

  beforeAll(async () => {
    lab = await startLab(definition);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('logs in through the form and is redirected to a URL carrying ;jsessionid=<id>', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });

    const location = await formLogin(client, 'a');

    expect(location).toMatch(/^\/;jsessionid=[A-Za-z0-9_-]{32}$/);
    expect(await storedIds()).toContain(jsessionidOf(location));
  });

  it('keeps its login and its cart by following the links and forms the server rewrote', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    const home = await formLogin(client, 'a');
    const id = jsessionidOf(home)!;

    const page = (await client.get<string>(home)).body;
    const addToCart = formActions(page).find((action) => action.startsWith('/form/cart'))!;
    const added = await client.post(addToCart, form({ item: 'apple' }), formHeaders);
    const cartPage = (await client.get<string>(hrefOf(page, 'cart-link'))).body;

    expect(textOf(page, 'userid')).toBe('a');
    expect(textOf(page, 'carrier')).toContain('URL');
    expect(hrefOf(page, 'cart-link')).toBe(`/cart;jsessionid=${id}`);
    expect(formActions(page)).toEqual([
      `/form/login;jsessionid=${id}`,
      `/form/cart;jsessionid=${id}`,
      `/form/logout;jsessionid=${id}`,
    ]);
    expect(added.headers.get('location')).toBe(`/;jsessionid=${id}`);
    expect(cartItems(cartPage)).toEqual(['apple']);
    expect(textOf(cartPage, 'userid')).toBe('a');
  });

  it('the JSON API reads the id from the path too: GET /me;jsessionid=<id>', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    const id = jsessionidOf(await formLogin(client, 'b'))!;

    const me = await client.get<Me>(`/me;jsessionid=${id}`);

    expect(me.body).toMatchObject({ sessionId: id, userid: 'b' });
  });

  it('without the id in the URL the same client is a stranger: nothing else carries it', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    await formLogin(client, 'a');

    expect((await client.get<Me>('/me')).body.userid).toBeNull();
  });

  it('a client that sends the cookie gets plain links (encodeUrl rewrites only when no cookie came)', async () => {
    const browser = new LabClient(lab.url, { name: 'with-jar' });
    await formLogin(browser, 'a');

    const page = (await browser.get<string>('/')).body;

    expect(textOf(page, 'carrier')).toContain('cookie');
    expect(hrefOf(page, 'cart-link')).toBe('/cart');
    expect(formActions(page)).toEqual(['/form/login', '/form/cart', '/form/logout']);
  });

  it('a cookie wins over an id in the URL, as in Tomcat', async () => {
    const browser = new LabClient(lab.url, { name: 'with-jar' });
    await browser.post('/login', { userid: 'a' });
    const other = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    const otherId = jsessionidOf(await formLogin(other, 'b'))!;

    const me = await browser.get<Me>(`/me;jsessionid=${otherId}`);

    expect(me.body.userid).toBe('a');
  });

  it('logging out through the form destroys the session: the old URL no longer works', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    const home = await formLogin(client, 'a');
    const id = jsessionidOf(home)!;

    const logout = await client.post(`/form/logout;jsessionid=${id}`, '', formHeaders);

    expect(logout.headers.get('location')).toBe('/');
    expect((await client.get<Me>(`/me;jsessionid=${id}`)).body.userid).toBeNull();
    expect(await storedIds()).not.toContain(id);
  });

  describe('session fixation (an attacker hands the victim a link carrying an id)', () => {
    it("an id the server never issued is not adopted: the session gets an id of the server's own", async () => {
      const victim = new LabClient(lab.url, { name: 'victim', cookies: false });

      const page = (await victim.get<string>(`/;jsessionid=${madeUpId}`)).body;
      const location = await formLogin(victim, 'victim', `/form/login;jsessionid=${madeUpId}`);

      expect(textOf(page, 'userid')).toBe('not logged in');
      expect(textOf(page, 'session-id')).toBe('none');
      expect(jsessionidOf(location)).not.toBe(madeUpId);
      expect(await storedIds()).not.toContain(madeUpId);
    });

    it("an issued id planted in a link is replaced at login: the attacker never gets the victim's session", async () => {
      const attacker = new LabClient(lab.url, { name: 'mallory', cookies: false });
      const plantedId = jsessionidOf(await formLogin(attacker, 'mallory'))!;
      const victim = new LabClient(lab.url, { name: 'victim', cookies: false });

      const page = (await victim.get<string>(`/;jsessionid=${plantedId}`)).body;
      const login = formActions(page).find((action) => action.startsWith('/form/login'))!;
      const victimsId = jsessionidOf(await formLogin(victim, 'victim', login));
      const attackerNow = await attacker.get<Me>(`/me;jsessionid=${plantedId}`);

      expect(login).toBe(`/form/login;jsessionid=${plantedId}`);
      expect(victimsId).not.toBe(plantedId);
      expect(attackerNow.body.userid).not.toBe('victim');
    });
  });

  describe('malformed ids in the URL are ignored, never adopted and never an error', () => {
    it.each([
      ['empty', ''],
      ['too short', 'abc'],
      ['too long', `${madeUpId}x`],
      ['not base64url', '%3Cscript%3Ealert(1)%3C%2Fscript%3E'],
      ['a signed cookie value', 's%3Aabc.def'],
    ])('%s: /me;jsessionid=%s answers 200 with no session', async (_label, id) => {
      const client = new LabClient(lab.url, { cookies: false });

      const me = await client.get<Me>(`/me;jsessionid=${id}`);

      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ sessionId: null, userid: null });
      expect(me.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('bad input on the page forms', () => {
    it('a login form without a userid answers 400 with a JSON reason', async () => {
      const client = new LabClient(lab.url, { cookies: false });

      const response = await client.post<{ message: string }>('/form/login', '', formHeaders);

      expect(response.status).toBe(400);
      expect(response.body.message).toContain('userid is missing');
    });

    it('adding to the cart without a session answers 401 with a JSON reason, and stores nothing', async () => {
      const client = new LabClient(lab.url, { cookies: false });

      const response = await client.post<{ message: string }>(
        `/form/cart;jsessionid=${madeUpId}`,
        form({ item: 'apple' }),
        formHeaders,
      );

      expect(response.status).toBe(401);
      expect(response.body.message).toContain('not logged in');
      expect(response.headers.getSetCookie()).toEqual([]);
    });
  });

  describe('risks', () => {
    it("the access log records the id from the URL, while a cookie's id never appears in it", async () => {
      const urlClient = new LabClient(lab.url, { name: 'no-jar', cookies: false });
      const urlId = jsessionidOf(await formLogin(urlClient, 'a'))!;
      await urlClient.get(`/cart;jsessionid=${urlId}`);
      const cookieClient = new LabClient(lab.url, { name: 'with-jar' });
      const cookieId = (await cookieClient.post<{ sessionId: string }>('/login', { userid: 'c' }))
        .body.sessionId;
      await cookieClient.get('/cart');

      const log = lab.servers[0].recentOutput();

      expect(log).toContain(`"GET /cart;jsessionid=${urlId} HTTP/1.1" 200`);
      expect(log).not.toContain(cookieId);
    });

    it('every page asks the browser to send no Referer (Referrer-Policy: no-referrer), so the URL and its id stay here', async () => {
      const client = new LabClient(lab.url, { cookies: false });
      const home = await formLogin(client, 'a');

      const page = await client.get(home);

      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    });
  });
});

describe('URL rewriting turned off (the defence wherever cookies work)', () => {
  const lab = useLab(definition, { env: { URL_REWRITING: 'off' } });

  it('an id in the URL is ignored and the redirect after login carries none', async () => {
    const client = new LabClient(lab.url, { name: 'no-jar', cookies: false });
    const login = await client.post('/form/login', form({ userid: 'a' }), formHeaders);
    const cookieId = decodeURIComponent(login.headers.getSetCookie()[0]).match(/s:([^.]+)\./)![1];

    const me = await client.get<Me>(`/me;jsessionid=${cookieId}`);

    expect(login.headers.get('location')).toBe('/');
    expect(me.body.userid).toBeNull();
  });

  it('the same user with a cookie jar is unaffected', async () => {
    const browser = new LabClient(lab.url, { name: 'with-jar' });
    await browser.post('/form/login', form({ userid: 'a' }), formHeaders);

    expect((await browser.get<Me>('/me')).body.userid).toBe('a');
  });
});
