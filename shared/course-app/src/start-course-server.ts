import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import type { Store } from 'express-session';
import { configureCourseApp, type CourseAppSetup } from './configure-app';
import { CourseModule } from './course.module';
import type { ServerConfig } from './server-config';
import { courseSession, sessionCookieName } from './session/course-session';
import type { SessionInspector } from './session/session-inspector';
import { inspectStore } from './session/store-inspector';

export interface CourseServerSetup extends Omit<CourseAppSetup, 'serverId' | 'session'> {
  /** How the server names itself in its log line: `chapter 02`. */
  name: string;
  /** Which variant runs, said in the log line after the server id: `app mode`. */
  variant?: string;
  /** The title of the home page. */
  chapterTitle: string;
  /** Where this chapter keeps its sessions: the one thing that differs between 02, 03 and 04. */
  store: Store;
  /** The session middleware, when the chapter wraps or replaces the course's `courseSession(config, store)`. */
  session?: RequestHandler;
  /** How /__internal/* reads what this server holds; `inspectStore(store)` unless given. */
  inspector?: SessionInspector;
  /** false: the chapter serves its own page at GET / (chapter 01 renders the session carriers). */
  homePage?: boolean;
  /** The chapter's own controllers and providers, beside the course API. */
  chapterModule?: DynamicModule;
  /** The address to listen on, when it must not follow HOST (chapter 01: always loopback). */
  host?: string;
}

@Module({})
class CourseServerModule {}

/** Creates the Nest app of a chapter server, puts the course around its session, and listens. */
export async function startCourseServer(
  config: ServerConfig,
  setup: CourseServerSetup,
): Promise<NestExpressApplication> {
  const {
    name,
    variant,
    chapterTitle,
    store,
    session = courseSession(config, store),
    inspector = inspectStore(store),
    homePage,
    chapterModule,
    host = config.host,
    ...middleware
  } = setup;
  const course = CourseModule.register({
    serverId: config.serverId,
    chapterTitle,
    inspector,
    cookieName: sessionCookieName,
    homePage,
  });
  const root: DynamicModule = {
    module: CourseServerModule,
    imports: [course, ...(chapterModule ? [chapterModule] : [])],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureCourseApp(app, { ...middleware, serverId: config.serverId, session });
  await app.listen(config.port, host);
  const about = variant ? ` (${variant})` : '';
  console.log(
    `${name} server ${config.serverId}${about} listening on http://${host}:${config.port}`,
  );
  return app;
}
