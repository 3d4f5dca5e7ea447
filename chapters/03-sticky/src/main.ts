import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, readServerConfig } from '@sessions/course-app';
import { AppModule } from './app.module';
import { createSessionStore, sessionMiddleware } from './session/session.config';
import { serverCookie } from './sticky/server-cookie.middleware';
import { readStickyMode } from './sticky/sticky-mode';

async function bootstrap() {
  const config = readServerConfig();
  const mode = readStickyMode();
  const store = createSessionStore();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, store), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureCourseApp(app, {
    serverId: config.serverId,
    session: sessionMiddleware(config, store),
    // #region app-mode
    // In insert mode the balancer sets its own cookie: the app stays exactly as in chapter 02.
    beforeSession: mode === 'app' ? [serverCookie(config.serverId)] : [],
    // #endregion app-mode
  });
  await app.listen(config.port, config.host);
  console.log(
    `chapter 03 server ${config.serverId} (${mode} mode) listening on http://${config.host}:${config.port}`,
  );
}

void bootstrap();
