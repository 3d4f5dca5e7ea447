import 'reflect-metadata';
import { readServerConfig, startCourseServer } from '@sessions/course-app';
import { createSessionBackend } from './session/session-backend';
import { SessionBackendModule } from './session/session-backend.module';
import { sessionMiddleware } from './session/session.config';
import { readSessionLimits, readStoreConfig } from './session/store-config';

async function bootstrap() {
  const config = readServerConfig();
  const backend = createSessionBackend(readStoreConfig(), readSessionLimits());
  await startCourseServer(config, {
    name: 'chapter 05',
    variant: `sessions in ${backend.kind}`,
    chapterTitle: `Chapter 05 · external session storage (${backend.kind})`,
    chapterModule: SessionBackendModule.register(config.serverId, backend),
    store: backend.store,
    // The course's session, and a 503 when the store does not answer.
    session: sessionMiddleware(config, backend.store),
    inspector: backend.inspector,
  });
}

void bootstrap();
