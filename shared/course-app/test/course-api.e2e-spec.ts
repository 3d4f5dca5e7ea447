import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { courseTestApp } from './support/course-test-app';

async function createApp(serverId = '7'): Promise<NestExpressApplication> {
  const app = await courseTestApp({ serverId });
  await app.init();
  return app;
}

describe('the course API (docs/ARCHITECTURE.md), in one process', () => {
  let app: NestExpressApplication;

  beforeEach(async () => {
    app = await createApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('logs in, shows "me" with the cart, adds items, and logs out', async () => {
    const agent = request.agent(app.getHttpServer());

    const login = await agent.post('/login').send({ userid: 'a' }).expect(200);
    expect(login.body).toEqual({ server: '7', sessionId: expect.any(String), userid: 'a' });

    await agent.post('/cart').send({ item: 'apple' }).expect(200);
    const cart = await agent.post('/cart').send({ item: 'pear' }).expect(200);
    expect(cart.body.cart).toEqual(['apple', 'pear']);

    const me = await agent.get('/me').expect(200);
    expect(me.body).toEqual({
      server: '7',
      sessionId: login.body.sessionId,
      userid: 'a',
      cart: ['apple', 'pear'],
    });

    await agent.post('/logout').expect(200);
    const after = await agent.get('/me').expect(200);
    expect(after.body).toMatchObject({ userid: null, sessionId: null, cart: [] });
  });

  it('says which server answered on every response, errors included', async () => {
    for (const response of [
      await request(app.getHttpServer()).get('/me'),
      await request(app.getHttpServer()).get('/nope'),
    ]) {
      expect(response.headers['x-served-by']).toBe('7');
    }
  });

  it('gives a new session id on login, so an id known before login is useless after it', async () => {
    const agent = request.agent(app.getHttpServer());
    const first = await agent.post('/login').send({ userid: 'a' });
    const second = await agent.post('/login').send({ userid: 'a' });
    expect(second.body.sessionId).not.toBe(first.body.sessionId);
  });

  it('sets no cookie until something is stored in the session', async () => {
    const response = await request(app.getHttpServer()).get('/me').expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it.each([
    ['an unknown route', (r: request.Agent) => r.get('/does-not-exist'), 404],
    [
      'malformed JSON',
      (r: request.Agent) =>
        r.post('/login').set('content-type', 'application/json').send('{"userid":'),
      400,
    ],
    ['a missing userid', (r: request.Agent) => r.post('/login').send({}), 400],
    [
      'a userid that is not a short plain string',
      (r: request.Agent) => r.post('/login').send({ userid: { $ne: 1 } }),
      400,
    ],
    [
      'a cart item while logged out',
      (r: request.Agent) => r.post('/cart').send({ item: 'apple' }),
      401,
    ],
    [
      'a cart item with a line break',
      (r: request.Agent) => r.post('/cart').send({ item: 'a\r\nSet-Cookie: x=1' }),
      400,
    ],
    [
      'a body over 16 KiB',
      (r: request.Agent) => r.post('/login').send({ userid: 'a'.repeat(20_000) }),
      413,
    ],
  ])('answers %s with a JSON message, never a 500', async (_name, send, status) => {
    const response = await send(request.agent(app.getHttpServer()));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, message: expect.any(String) });
  });

  it('lists what this server holds on /__internal/sessions', async () => {
    const agent = request.agent(app.getHttpServer());
    await agent.post('/login').send({ userid: 'a' });
    await agent.post('/cart').send({ item: 'apple' });
    const held = await request(app.getHttpServer()).get('/__internal/sessions').expect(200);
    expect(held.body.sessions).toEqual([
      { id: expect.any(String), userid: 'a', cartSize: 1, bytes: expect.any(Number) },
    ]);
    const stats = await request(app.getHttpServer()).get('/__internal/stats').expect(200);
    expect(stats.body).toMatchObject({ server: '7', sessions: 1 });
  });

  it('escapes the user id on the HTML page', async () => {
    const agent = request.agent(app.getHttpServer());
    await agent.post('/login').send({ userid: 'a' });
    const page = await agent.get('/').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('logged in as <b id="userid">a</b>');
    expect(page.text).toContain('server 7');
  });
});

describe('when the session store is unavailable', () => {
  it('answers 503 with a JSON message instead of treating the user as new', async () => {
    // express-session leaves req.session undefined while its store reports a disconnect.
    const app = await courseTestApp({ serverId: '1', session: (_req, _res, next) => next() });
    await app.init();
    try {
      const response = await request(app.getHttpServer()).get('/me');
      expect(response.status).toBe(503);
      expect(response.body.message).toMatch(/session store is unavailable/);
      await request(app.getHttpServer()).get('/health').expect(200);
    } finally {
      await app.close();
    }
  });
});
