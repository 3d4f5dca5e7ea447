import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, type CourseAppSetup } from './configure-app';
import { CourseModule, type CourseModuleOptions } from './course.module';
import type { ServerConfig } from './server-config';
import { sessionCookieName } from './session/course-session';

export interface CourseServerSetup extends Omit<CourseAppSetup, 'serverId'> {
  /** How the server names itself in its log line: `chapter 02`. */
  name: string;
  /** Which variant runs, said in the log line after the server id: `app mode`. */
  variant?: string;
  /** The course API's settings; the server id and cookie name are the course's own. */
  course: Omit<CourseModuleOptions, 'serverId' | 'cookieName'>;
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
  const { name, variant, course, chapterModule, host = config.host, ...appSetup } = setup;
  const root: DynamicModule = {
    module: CourseServerModule,
    imports: [
      CourseModule.register({
        ...course,
        serverId: config.serverId,
        cookieName: sessionCookieName,
      }),
      ...(chapterModule ? [chapterModule] : []),
    ],
  };
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    logger: ['error', 'warn'],
  });
  configureCourseApp(app, { ...appSetup, serverId: config.serverId });
  await app.listen(config.port, host);
  const about = variant ? ` (${variant})` : '';
  console.log(
    `${name} server ${config.serverId}${about} listening on http://${host}:${config.port}`,
  );
  return app;
}
