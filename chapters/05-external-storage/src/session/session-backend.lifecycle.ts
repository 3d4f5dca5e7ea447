import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { SessionBackend } from './session-backend';

export const SESSION_BACKEND = Symbol('SESSION_BACKEND');

/** Closes the store's connections once Nest has stopped taking requests (SIGTERM, app.close()). */
@Injectable()
export class SessionBackendLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SESSION_BACKEND) private readonly backend: SessionBackend) {}

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }
}
