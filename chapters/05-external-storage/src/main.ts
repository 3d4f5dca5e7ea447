import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, readServerConfig } from '@sessions/course-app';
import { AppModule } from './app.module';
import { createSessionBackend } from './session/session-backend';
import { sessionMiddleware } from './session/session.config';
import { readSessionLimits, readStoreConfig } from './session/store-config';

async function bootstrap() {
  const config = readServerConfig();
  const backend = createSessionBackend(readStoreConfig(), readSessionLimits());
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, backend),
    { bodyParser: false, logger: ['error', 'warn'] },
  );
  configureCourseApp(app, {
    serverId: config.serverId,
    session: sessionMiddleware(config, backend.store),
  });
  await app.listen(config.port, config.host);
  console.log(
    `chapter 05 server ${config.serverId} (sessions in ${backend.kind}) listening on http://${config.host}:${config.port}`,
  );
}

void bootstrap();
