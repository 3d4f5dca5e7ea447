import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  destroy,
  SessionAvailableGuard,
  sessionCookieName,
  storeUnavailable,
} from '@sessions/course-app';
import { sessionFingerprint } from './session-fingerprint';
import type { UserSessionIndex } from './user-session-index';
import { USER_SESSION_INDEX, USER_SESSIONS_SERVER_ID } from './user-sessions.tokens';

/** Beyond the source, as Spring Session does: a user's sessions, and "log out everywhere". */
@Controller('sessions')
@UseGuards(SessionAvailableGuard)
export class UserSessionsController {
  constructor(
    @Inject(USER_SESSIONS_SERVER_ID) private readonly serverId: string,
    @Inject(USER_SESSION_INDEX) private readonly index: UserSessionIndex,
  ) {}

  @Get()
  async list(@Req() request: Request) {
    const userid = this.loggedInUser(request);
    const ids = await this.index.list(userid).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    return {
      server: this.serverId,
      userid,
      limit: this.index.maxSessionsPerUser,
      sessions: ids.map((id) => ({
        fingerprint: sessionFingerprint(id),
        current: id === request.sessionID,
      })),
    };
  }

  // #region logout-everywhere
  @Post('logout-everywhere')
  @HttpCode(200)
  async logoutEverywhere(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const userid = this.loggedInUser(request);
    const ended = await this.index.endAll(userid).catch((error: unknown) => {
      throw storeUnavailable(error);
    });
    // This session is gone from the store too; destroying it here stops express-session
    // from writing it back at the end of the request.
    await destroy(request.session);
    response.clearCookie(sessionCookieName, { path: '/' });
    return { server: this.serverId, userid, sessionsEnded: ended };
  }
  // #endregion logout-everywhere

  private loggedInUser(request: Request): string {
    const userid = request.session.userid;
    if (!userid)
      throw new UnauthorizedException(`server ${this.serverId}: not logged in, POST /login first`);
    return userid;
  }
}
