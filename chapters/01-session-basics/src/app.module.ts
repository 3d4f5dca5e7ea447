import { type DynamicModule, Module } from '@nestjs/common';
import { CourseModule, inspectStore, type ServerConfig } from '@sessions/course-app';
import { CHAPTER_CONFIG, type ChapterConfig } from './chapter-config';
import { PagesController } from './pages/pages.controller';
import type { TimedMemoryStore } from './session/absolute-timeout';
import { sessionCookieName } from './session/session.config';
import { URL_REWRITING, type UrlRewriting } from './url-rewriting/url-rewriting';

@Module({})
export class AppModule {
  static register(
    server: ServerConfig,
    config: ChapterConfig,
    store: TimedMemoryStore,
    rewriting: UrlRewriting,
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CourseModule.register({
          serverId: server.serverId,
          chapterTitle: 'Chapter 01 · session basics',
          inspector: inspectStore(store),
          cookieName: sessionCookieName,
          // GET / is this chapter's own page: it shows the carriers.
          homePage: false,
        }),
      ],
      controllers: [PagesController],
      providers: [
        { provide: CHAPTER_CONFIG, useValue: config },
        { provide: URL_REWRITING, useValue: rewriting },
      ],
    };
  }
}
