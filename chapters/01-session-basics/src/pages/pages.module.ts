import { type DynamicModule, Module } from '@nestjs/common';
import { CHAPTER_CONFIG, type ChapterConfig } from '../chapter-config';
import { URL_REWRITING, type UrlRewriting } from '../url-rewriting/url-rewriting';
import { PagesController } from './pages.controller';

/** This chapter's own pages beside the course API: they show the carriers, and work without cookies. */
@Module({})
export class PagesModule {
  static register(config: ChapterConfig, rewriting: UrlRewriting): DynamicModule {
    return {
      module: PagesModule,
      controllers: [PagesController],
      providers: [
        { provide: CHAPTER_CONFIG, useValue: config },
        { provide: URL_REWRITING, useValue: rewriting },
      ],
    };
  }
}
