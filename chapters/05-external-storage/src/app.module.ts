import { type DynamicModule, Module } from '@nestjs/common';
import { CourseModule, type ServerConfig } from '@sessions/course-app';
import { sessionCookieName } from './session/keys';
import type { SessionBackend } from './session/session-backend';
import { SESSION_BACKEND, SessionBackendLifecycle } from './session/session-backend.lifecycle';
import { UserSessionsModule } from './user-sessions/user-sessions.module';

@Module({})
export class AppModule {
  static register(config: ServerConfig, backend: SessionBackend): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CourseModule.register({
          serverId: config.serverId,
          chapterTitle: `Chapter 05 · external session storage (${backend.kind})`,
          inspector: backend.inspector,
          cookieName: sessionCookieName,
        }),
        UserSessionsModule.register({ serverId: config.serverId, index: backend.index }),
      ],
      providers: [{ provide: SESSION_BACKEND, useValue: backend }, SessionBackendLifecycle],
    };
  }
}
