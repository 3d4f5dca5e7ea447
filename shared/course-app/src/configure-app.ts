import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type RequestHandler } from 'express';
import { answerUnparsableRequestsInJson } from './common/client-error';
import { JsonErrorFilter } from './common/filters/json-error.filter';
import { servedBy } from './common/middleware/served-by.middleware';

export interface CourseAppSetup {
  serverId: string;
  /** The chapter's session middleware: the one thing that differs between chapters. */
  session: RequestHandler;
  /**
   * Middleware that runs before any of the course's (chapter 04's readiness gate: a server
   * still joining its cluster answers nothing else).
   */
  first?: RequestHandler[];
  /** Middleware that must run before the session (chapter 01's URL rewriting, for example). */
  beforeSession?: RequestHandler[];
  /**
   * How many proxy hops sit in front of this server, whose X-Forwarded-* headers it believes.
   * Default 1: the balancer of chapters 02-05. 0 when clients reach the server directly
   * (chapter 01), so a client cannot claim "https" with a header of its own.
   */
  trustProxyHops?: number;
}

/** Everything a course server needs around its session middleware, in the order it must run. */
export function configureCourseApp(app: NestExpressApplication, setup: CourseAppSetup): void {
  // Believe X-Forwarded-* from exactly the hops in front (the balancer: one) and nothing further.
  app.set('trust proxy', setup.trustProxyHops ?? 1);
  app.disable('x-powered-by');
  for (const middleware of setup.first ?? []) app.use(middleware);
  app.use(servedBy(setup.serverId));
  app.use(express.json({ limit: '16kb' }));
  for (const middleware of setup.beforeSession ?? []) app.use(middleware);
  app.use(setup.session);
  app.useGlobalFilters(new JsonErrorFilter());
  answerUnparsableRequestsInJson(app.getHttpServer(), setup.serverId);
  app.enableShutdownHooks();
}
