import { Controller, Get, Inject } from '@nestjs/common';
import { SERVER_ID } from '../course.tokens';

/** Liveness only: it never asks the session store, so a store outage is the app's 503, not an empty pool. */
@Controller('health')
export class HealthController {
  constructor(@Inject(SERVER_ID) private readonly serverId: string) {}

  @Get()
  health() {
    return { status: 'ok', server: this.serverId };
  }
}
