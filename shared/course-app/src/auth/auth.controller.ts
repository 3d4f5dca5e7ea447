import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SessionAvailableGuard } from '../common/guards/session-available.guard';
import { SERVER_ID, SESSION_COOKIE_NAME } from '../course.tokens';
import { destroy, regenerate, save } from '../session/session-io';
import { loginBodyPipe, type LoginBody } from './login.dto';

@Controller()
@UseGuards(SessionAvailableGuard)
export class AuthController {
  constructor(
    @Inject(SERVER_ID) private readonly serverId: string,
    @Inject(SESSION_COOKIE_NAME) private readonly cookieName: string,
  ) {}

  // #region login
  @Post('login')
  @HttpCode(200)
  async login(@Req() request: Request, @Body(loginBodyPipe) { userid }: LoginBody) {
    // A new id on every login: an id somebody planted before login is worth nothing after it.
    await regenerate(request);
    request.session.userid = userid;
    request.session.cart = [];
    await save(request.session);
    return { server: this.serverId, sessionId: request.sessionID, userid };
  }
  // #endregion login

  @Post('logout')
  @HttpCode(200)
  async logout(@Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const sessionId = request.session.userid ? request.sessionID : null;
    await destroy(request.session);
    response.clearCookie(this.cookieName, { path: '/' });
    return { server: this.serverId, sessionId, loggedOut: true };
  }
}
