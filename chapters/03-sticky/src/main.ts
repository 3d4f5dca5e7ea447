import 'reflect-metadata';
import {
  courseSession,
  inspectStore,
  readServerConfig,
  startCourseServer,
} from '@sessions/course-app';
import { MemoryStore } from 'express-session';
import { serverCookie } from './sticky/server-cookie.middleware';
import { readStickyMode } from './sticky/sticky-mode';

async function bootstrap() {
  const config = readServerConfig();
  const mode = readStickyMode();
  // The session as in chapter 02: express-session's MemoryStore, in this process only.
  const store = new MemoryStore();
  await startCourseServer(config, {
    name: 'chapter 03',
    variant: `${mode} mode`,
    course: { chapterTitle: 'Chapter 03 · sticky sessions', inspector: inspectStore(store) },
    session: courseSession(config, store),
    // #region app-mode
    // In insert mode the balancer sets its own cookie: the app stays exactly as in chapter 02.
    beforeSession: mode === 'app' ? [serverCookie(config.serverId)] : [],
    // #endregion app-mode
  });
}

void bootstrap();
