import 'reflect-metadata';
import { inspectStore, readServerConfig, startCourseServer } from '@sessions/course-app';
import { createSessionStore, sessionMiddleware } from './session/session.config';

async function bootstrap() {
  const config = readServerConfig();
  const store = createSessionStore();
  await startCourseServer(config, {
    name: 'chapter 02',
    // What GET /__internal/sessions and /__internal/stats report: this store's sessions.
    inspector: inspectStore(store),
    chapterTitle: 'Chapter 02 · session inconsistency',
    store,
    session: sessionMiddleware(config, store),
  });
}

void bootstrap();
