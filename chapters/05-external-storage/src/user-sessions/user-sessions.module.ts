import { type DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { SessionRegistryInterceptor } from './session-registry.interceptor';
import type { UserSessionIndex } from './user-session-index';
import { UserSessionsController } from './user-sessions.controller';
import { USER_SESSION_INDEX, USER_SESSIONS_SERVER_ID } from './user-sessions.tokens';

@Module({})
export class UserSessionsModule {
  static register(options: { serverId: string; index: UserSessionIndex }): DynamicModule {
    return {
      module: UserSessionsModule,
      controllers: [UserSessionsController],
      providers: [
        { provide: USER_SESSIONS_SERVER_ID, useValue: options.serverId },
        { provide: USER_SESSION_INDEX, useValue: options.index },
        { provide: APP_INTERCEPTOR, useClass: SessionRegistryInterceptor },
      ],
    };
  }
}
