import 'reflect-metadata';
import {
  courseSession,
  inspectStore,
  readServerConfig,
  startCourseServer,
} from '@sessions/course-app';
import { MemoryStore } from 'express-session';

async function bootstrap() {
  const config = readServerConfig();
  // #region memory-session
  // express-session's default MemoryStore: the session lives in this one process's memory.
  // Nothing else (another process, another server) can see it.
  const store = new MemoryStore();
  // #endregion memory-session
  await startCourseServer(config, {
    name: 'chapter 02',
    course: { chapterTitle: 'Chapter 02 · session inconsistency', inspector: inspectStore(store) },
    session: courseSession(config, store),
  });
}

void bootstrap();
