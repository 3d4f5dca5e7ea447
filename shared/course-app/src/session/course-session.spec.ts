import express from 'express';
import { MemoryStore } from 'express-session';
import request from 'supertest';
import { courseSession, sessionMaxAgeMs } from './course-session';

const config = { port: 0, host: '127.0.0.1', serverId: '1', sessionSecret: 'test-secret' };

function appWith(store: MemoryStore) {
  const app = express();
  app.use(courseSession(config, store));
  app.get('/login', (req, res) => {
    req.session.userid = 'a';
    res.send('ok');
  });
  app.get('/look', (_req, res) => res.send('ok'));
  return app;
}

describe('the course session (chapters 02-05)', () => {
  it('sets no cookie for a visitor with nothing in the session', async () => {
    const response = await request(appWith(new MemoryStore())).get('/look').expect(200);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('gives a logged-in user an HttpOnly, SameSite=Lax cookie named sid that expires in 30 minutes', async () => {
    const store = new MemoryStore();
    const before = Date.now();
    const response = await request(appWith(store)).get('/login').expect(200);
    const after = Date.now();
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=s%3A/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    // Expires has whole seconds: it lies between the request's start and end, plus 30 minutes.
    const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(expires).toBeGreaterThanOrEqual(before + sessionMaxAgeMs - 1000);
    expect(expires).toBeLessThanOrEqual(after + sessionMaxAgeMs);
    expect(cookie).not.toMatch(/Secure/);
    const held = await new Promise((resolve) => store.length((_error, length) => resolve(length)));
    expect(held).toBe(1);
  });
});
