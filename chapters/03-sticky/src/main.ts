import 'reflect-metadata';
import { readServerConfig, startCourseServer } from '@sessions/course-app';
import { MemoryStore } from 'express-session';
import { serverCookie } from './sticky/server-cookie.middleware';
import { readStickyMode } from './sticky/sticky-mode';

async function bootstrap() {
  const config = readServerConfig();
  const mode = readStickyMode();
  await startCourseServer(config, {
    name: 'chapter 03',
    variant: `${mode} mode`,
    chapterTitle: 'Chapter 03 · sticky sessions',
    // The session as in chapter 02: express-session's MemoryStore, in this process only.
    store: new MemoryStore(),
    // #region app-mode
    // In insert mode the balancer sets its own cookie: the app stays exactly as in chapter 02.
    beforeSession: mode === 'app' ? [serverCookie(config.serverId)] : [],
    // #endregion app-mode
  });
}

void bootstrap();
