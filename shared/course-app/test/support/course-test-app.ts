import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { RequestHandler } from 'express';
import session, { MemoryStore } from 'express-session';
import { configureCourseApp, CourseModule, inspectStore } from '../../src';

export interface CourseTestAppOptions {
  serverId?: string;
  /** The session middleware; by default express-session on a MemoryStore, cookie `sid`. */
  session?: RequestHandler;
}

/**
 * The course API in this process, put together the way a chapter's server does it, not yet
 * started: `app.init()` for supertest, `app.listen()` for raw sockets.
 */
export async function courseTestApp({
  serverId = '7',
  session: sessionMiddleware,
}: CourseTestAppOptions = {}): Promise<NestExpressApplication> {
  const store = new MemoryStore();
  const moduleRef = await Test.createTestingModule({
    imports: [
      CourseModule.register({
        serverId,
        chapterTitle: 'test',
        inspector: inspectStore(store),
        cookieName: 'sid',
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    bodyParser: false,
    logger: false,
  });
  configureCourseApp(app, {
    serverId,
    session:
      sessionMiddleware ??
      session({
        name: 'sid',
        secret: 'test-secret',
        store,
        resave: false,
        saveUninitialized: false,
      }),
  });
  return app;
}
