import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { HtmlPage } from '../common/decorators/html-page.decorator';
import { CHAPTER_TITLE, SERVER_ID } from '../course.tokens';
import { describeMe } from '../me/describe-me';
import { renderHomePage } from './home-page';

@Controller()
export class HomeController {
  constructor(
    @Inject(SERVER_ID) private readonly serverId: string,
    @Inject(CHAPTER_TITLE) private readonly chapterTitle: string,
  ) {}

  @Get()
  @HtmlPage()
  home(@Req() request: Request): string {
    return renderHomePage(describeMe(this.serverId, request), this.chapterTitle);
  }
}
