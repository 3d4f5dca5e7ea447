import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, readServerConfig } from '@sessions/course-app';
import express from 'express';
import { AppModule } from './app.module';
import { noteSessionCookie } from './carriers/carrier';
import { headerCarrier } from './carriers/header-carrier';
import { readChapterConfig } from './chapter-config';
import { accessLog } from './common/access-log';
import { refuseOversizedCookies } from './common/cookie-size-limit';
import { referrerPolicy } from './common/referrer-policy';
import { TimedMemoryStore } from './session/absolute-timeout';
import { sessionCookieName, sessionMiddleware } from './session/session.config';
import { UrlRewriting } from './url-rewriting/url-rewriting';

async function bootstrap() {
  const server = readServerConfig();
  const config = readChapterConfig();
  const store = new TimedMemoryStore();
  const settings = { cookieName: sessionCookieName, secret: server.sessionSecret };
  const rewriting = new UrlRewriting({ ...settings, enabled: config.urlRewriting });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(server, config, store, rewriting),
    { bodyParser: false, logger: ['error', 'warn'] },
  );
  configureCourseApp(app, {
    serverId: server.serverId,
    // Nothing stands between the browser and this server: believe no X-Forwarded-* header.
    trustProxyHops: config.trustProxyHops,
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
  await app.listen(server.port, '127.0.0.1');
  console.log(`chapter 01 server ${server.serverId} listening on http://127.0.0.1:${server.port}`);
}

void bootstrap();
