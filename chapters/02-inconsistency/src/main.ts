import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, readServerConfig } from '@sessions/course-app';
import { AppModule } from './app.module';
import { createSessionStore, sessionMiddleware } from './session/session.config';

async function bootstrap() {
  const config = readServerConfig();
  const store = createSessionStore();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, store), {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureCourseApp(app, { serverId: config.serverId, session: sessionMiddleware(config, store) });
  await app.listen(config.port, config.host);
  console.log(
    `chapter 02 server ${config.serverId} listening on http://${config.host}:${config.port}`,
  );
}

void bootstrap();
