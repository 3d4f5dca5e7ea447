import { type DynamicModule, Module } from '@nestjs/common';
import { AuthController } from './auth/auth.controller';
import { CartController } from './cart/cart.controller';
import { CHAPTER_TITLE, SERVER_ID, SESSION_COOKIE_NAME } from './course.tokens';
import { HealthController } from './health/health.controller';
import { HomeController } from './home/home.controller';
import { InternalController } from './internal/internal.controller';
import { MeController } from './me/me.controller';
import { SESSION_INSPECTOR, type SessionInspector } from './session/session-inspector';

export interface CourseModuleOptions {
  serverId: string;
  chapterTitle: string;
  /** How /__internal/* reads what this server holds. */
  inspector: SessionInspector;
  cookieName: string;
  /** false: the chapter serves its own page at GET / (chapter 01 renders the session carriers). */
  homePage?: boolean;
}

/** The course API (docs/ARCHITECTURE.md), the same in chapters 02-05: only the session strategy around it changes. */
@Module({})
export class CourseModule {
  static register(options: CourseModuleOptions): DynamicModule {
    return {
      module: CourseModule,
      // Global: a chapter's own controllers inject SERVER_ID and the inspector too.
      global: true,
      controllers: [
        ...(options.homePage === false ? [] : [HomeController]),
        AuthController,
        MeController,
        CartController,
        HealthController,
        InternalController,
      ],
      providers: [
        { provide: SERVER_ID, useValue: options.serverId },
        { provide: CHAPTER_TITLE, useValue: options.chapterTitle },
        { provide: SESSION_INSPECTOR, useValue: options.inspector },
        { provide: SESSION_COOKIE_NAME, useValue: options.cookieName },
      ],
      exports: [SERVER_ID, SESSION_INSPECTOR],
    };
  }
}
