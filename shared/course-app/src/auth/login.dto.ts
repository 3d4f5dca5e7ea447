import { BadRequestException } from '@nestjs/common';

const useridPattern = /^[A-Za-z0-9_.@-]{1,64}$/;

/** `{"userid":"a"}`: a short plain id, so it is safe to show on a page and in a log. */
export function readUserid(body: unknown): string {
  const userid = (body as { userid?: unknown } | undefined)?.userid;
  if (userid === undefined)
    throw new BadRequestException('send JSON {"userid":"a"}: the userid is missing');
  if (typeof userid !== 'string' || !useridPattern.test(userid)) {
    throw new BadRequestException('userid must be 1-64 letters, digits, or . _ @ -');
  }
  return userid;
}
