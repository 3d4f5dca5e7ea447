import { applyDecorators, Header } from '@nestjs/common';

/** A page rendered for one user's session: HTML, and never kept by a cache. */
export const HtmlPage = () =>
  applyDecorators(
    Header('content-type', 'text/html; charset=utf-8'),
    Header('cache-control', 'no-store'),
  );
