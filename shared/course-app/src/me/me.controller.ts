import { Controller, Get, Inject, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { SessionAvailableGuard } from '../common/guards/session-available.guard';
import { SERVER_ID } from '../course.tokens';
import { describeMe } from './describe-me';

@Controller('me')
@UseGuards(SessionAvailableGuard)
export class MeController {
  constructor(@Inject(SERVER_ID) private readonly serverId: string) {}

  @Get()
  me(@Req() request: Request) {
    return describeMe(this.serverId, request);
  }
}
