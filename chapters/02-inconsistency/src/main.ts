import 'reflect-metadata';
import { readServerConfig, startCourseServer } from '@sessions/course-app';
import { MemoryStore } from 'express-session';

async function bootstrap() {
  const config = readServerConfig();
  await startCourseServer(config, {
    name: 'chapter 02',
    chapterTitle: 'Chapter 02 · session inconsistency',
    // #region memory-session
    // express-session's default MemoryStore: the session lives in this one process's memory.
    // Nothing else (another process, another server) can see it.
    store: new MemoryStore(),
    // #endregion memory-session
  });
}

void bootstrap();
