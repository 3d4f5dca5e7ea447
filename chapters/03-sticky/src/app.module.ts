import { type DynamicModule, Module } from '@nestjs/common';
import { CourseModule, inspectStore, type ServerConfig } from '@sessions/course-app';
import type { MemoryStore } from 'express-session';
import { sessionCookieName } from './session/session.config';

@Module({})
export class AppModule {
  static register(config: ServerConfig, store: MemoryStore): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CourseModule.register({
          serverId: config.serverId,
          chapterTitle: 'Chapter 03 · sticky sessions',
          inspector: inspectStore(store),
          cookieName: sessionCookieName,
        }),
      ],
    };
  }
}
