import {
  Body,
  ConflictException,
  Controller,
  Get,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  addItemBodyPipe,
  destroy,
  HtmlPage,
  loginBodyPipe,
  maxCartItems,
  regenerate,
  save,
  SERVER_ID,
  SessionAvailableGuard,
  sessionCookieName,
  type AddItemBody,
  type LoginBody,
} from '@sessions/course-app';
import { CHAPTER_CONFIG, type ChapterConfig } from '../chapter-config';
import { URL_REWRITING, type UrlRewriting } from '../url-rewriting/url-rewriting';
import { renderCartPage, renderSessionPage } from './session-page';
import { describeSession } from './session-view';

/**
 * Server-rendered pages with plain forms and links, so that a client without cookies
 * and without JavaScript can use the site: every link and redirect goes through encodeUrl.
 */
@Controller()
@UseGuards(SessionAvailableGuard)
export class PagesController {
  constructor(
    @Inject(SERVER_ID) private readonly serverId: string,
    @Inject(CHAPTER_CONFIG) private readonly config: ChapterConfig,
    @Inject(URL_REWRITING) private readonly rewriting: UrlRewriting,
  ) {}

  @Get()
  @HtmlPage()
  home(@Req() request: Request): string {
    return renderSessionPage(this.view(request));
  }

  @Get('cart')
  @HtmlPage()
  cart(@Req() request: Request): string {
    return renderCartPage(this.view(request));
  }

  // #region form-login
  @Post('form/login')
  async login(
    @Req() request: Request,
    @Res() response: Response,
    @Body(loginBodyPipe) { userid }: LoginBody,
  ) {
    await regenerate(request); // a new id: whatever id came in is worth nothing now
    request.session.userid = userid;
    request.session.cart = [];
    await save(request.session);
    // encodeUrl, like Servlet's encodeRedirectURL: /;jsessionid=<new id> when no cookie came.
    response.redirect(303, this.rewriting.encodeUrl(request, '/'));
  }
  // #endregion form-login

  @Post('form/cart')
  async addToCart(
    @Req() request: Request,
    @Res() response: Response,
    @Body(addItemBodyPipe) { item }: AddItemBody,
  ) {
    if (!request.session.userid)
      throw new UnauthorizedException('not logged in: log in on the page first');
    const cart = request.session.cart ?? [];
    if (cart.length >= maxCartItems)
      throw new ConflictException(`the cart is full (${maxCartItems} items)`);
    request.session.cart = [...cart, item];
    await save(request.session);
    response.redirect(303, this.rewriting.encodeUrl(request, '/'));
  }

  @Post('form/logout')
  async logout(@Req() request: Request, @Res() response: Response) {
    await destroy(request.session);
    response.clearCookie(sessionCookieName, { path: '/' });
    response.redirect(303, '/');
  }

  private view(request: Request) {
    return describeSession(request, this.serverId, this.config, this.rewriting);
  }
}
