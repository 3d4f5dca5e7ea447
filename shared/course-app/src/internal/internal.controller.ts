import { Controller, Get, Inject } from '@nestjs/common';
import { SERVER_ID } from '../course.tokens';
import { SESSION_INSPECTOR, type SessionInspector } from '../session/session-inspector';

/** What this server holds, for the dashboard and the experiments. The balancer never forwards /__internal/*. */
@Controller('__internal')
export class InternalController {
  constructor(
    @Inject(SERVER_ID) private readonly serverId: string,
    @Inject(SESSION_INSPECTOR) private readonly inspector: SessionInspector,
  ) {}

  @Get('sessions')
  async sessions() {
    return { server: this.serverId, sessions: await this.inspector.sessions() };
  }

  @Get('stats')
  async stats() {
    const memory = process.memoryUsage();
    return {
      server: this.serverId,
      pid: process.pid,
      heapUsedBytes: memory.heapUsed,
      rssBytes: memory.rss,
      ...(await this.inspector.stats()),
    };
  }
}
