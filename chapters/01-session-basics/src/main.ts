import 'reflect-metadata';
import { readServerConfig, sessionCookieName, startCourseServer } from '@sessions/course-app';
import express from 'express';
import { noteSessionCookie } from './carriers/carrier';
import { headerCarrier } from './carriers/header-carrier';
import { readChapterConfig } from './chapter-config';
import { accessLog } from './common/access-log';
import { refuseOversizedCookies } from './common/cookie-size-limit';
import { referrerPolicy } from './common/referrer-policy';
import { PagesModule } from './pages/pages.module';
import { TimedMemoryStore } from './session/absolute-timeout';
import { sessionMiddleware } from './session/session.config';
import { UrlRewriting } from './url-rewriting/url-rewriting';

async function bootstrap() {
  const server = readServerConfig();
  const config = readChapterConfig();
  const store = new TimedMemoryStore();
  const settings = { cookieName: sessionCookieName, secret: server.sessionSecret };
  const rewriting = new UrlRewriting({ ...settings, enabled: config.urlRewriting });
  await startCourseServer(server, {
    name: 'chapter 01',
    // GET / is this chapter's own page (PagesModule): it shows the carriers.
    chapterTitle: 'Chapter 01 · session basics',
    homePage: false,
    chapterModule: PagesModule.register(config, rewriting),
    // The learner's browser talks to this server directly, on this machine only.
    host: '127.0.0.1',
    // Nothing stands between the browser and this server: believe no X-Forwarded-* header.
    trustProxyHops: config.trustProxyHops,
    store,
    session: sessionMiddleware(server, config, store),
    // #region carriers-order
    beforeSession: [
      accessLog(),
      referrerPolicy(config.referrerPolicy),
      refuseOversizedCookies(),
      express.urlencoded({ extended: false, limit: '4kb' }), // the page's plain HTML forms
      noteSessionCookie(sessionCookieName), // carrier 1: the cookie, read by express-session
      headerCarrier(settings), // carrier 2: X-Auth-Token under /api
      rewriting.acceptFromUrl(), // carrier 3: ;jsessionid= in the path
    ],
    // #endregion carriers-order
  });
}

void bootstrap();
