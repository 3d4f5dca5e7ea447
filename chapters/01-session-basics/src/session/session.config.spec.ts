import express from 'express';
import session from 'express-session';
import request from 'supertest';
import { readServerConfig } from '@sessions/course-app';
import { TimedMemoryStore } from './absolute-timeout';
import { sessionCookie, sessionMiddleware } from './session.config';
import { readChapterConfig } from '../chapter-config';

const server = readServerConfig({ SESSION_SECRET: 'spec-secret' });
const config = readChapterConfig({});

/** A bare Express app with the chapter's session and a route that stores something. */
function appWith(options: { trustProxy: boolean }) {
  const app = express();
  if (options.trustProxy) app.set('trust proxy', 1);
  app.use(sessionMiddleware(server, config, new TimedMemoryStore()));
  app.post('/login', (req, res) => {
    req.session.userid = 'a';
    res.json({ ok: true });
  });
  return app;
}

const setCookieOf = (response: request.Response) =>
  ([] as string[]).concat(response.headers['set-cookie'] ?? []).join('\n');

describe('the session cookie behind a TLS-terminating proxy', () => {
  it("with 'trust proxy' 1, X-Forwarded-Proto: https from that hop makes the cookie Secure", async () => {
    const response = await request(appWith({ trustProxy: true }))
      .post('/login')
      .set('X-Forwarded-Proto', 'https');

    expect(setCookieOf(response)).toMatch(/; Secure/);
  });

  it("without 'trust proxy' the app believes only its plain-HTTP socket: the cookie is never Secure", async () => {
    const response = await request(appWith({ trustProxy: false }))
      .post('/login')
      .set('X-Forwarded-Proto', 'https');

    expect(setCookieOf(response)).toMatch(/^sid=/);
    expect(setCookieOf(response)).not.toMatch(/Secure/);
  });
});

describe('a persistent cookie versus a browser-session cookie', () => {
  const loginWith = (cookie: session.CookieOptions) => {
    const app = express();
    app.use(session({ secret: 's', resave: false, saveUninitialized: false, cookie }));
    app.post('/login', (req, res) => {
      req.session.userid = 'a';
      res.json({ ok: true });
    });
    return request(app).post('/login');
  };

  it("the chapter's cookie has an Expires date: the browser keeps it across a restart", async () => {
    expect(setCookieOf(await loginWith(sessionCookie(config)))).toMatch(/; Expires=/);
  });

  it('without maxAge it has none: a browser-session cookie, forgotten when the browser closes', async () => {
    const browserSession = { ...sessionCookie(config), maxAge: undefined };

    expect(setCookieOf(await loginWith(browserSession))).not.toMatch(/Expires|Max-Age/);
  });
});
