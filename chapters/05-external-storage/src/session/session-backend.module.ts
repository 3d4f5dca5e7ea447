import { type DynamicModule, Module } from '@nestjs/common';
import { UserSessionsModule } from '../user-sessions/user-sessions.module';
import type { SessionBackend } from './session-backend';
import { SESSION_BACKEND, SessionBackendLifecycle } from './session-backend.lifecycle';

/** What this chapter adds beside the course API: the store's lifecycle, and each user's sessions. */
@Module({})
export class SessionBackendModule {
  static register(serverId: string, backend: SessionBackend): DynamicModule {
    return {
      module: SessionBackendModule,
      imports: [UserSessionsModule.register({ serverId, index: backend.index })],
      providers: [{ provide: SESSION_BACKEND, useValue: backend }, SessionBackendLifecycle],
    };
  }
}
