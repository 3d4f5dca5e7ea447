import { BadRequestException } from '@nestjs/common';

export const maxCartItems = 100;

/** `{"item":"apple"}`: a short item name. */
export function readItem(body: unknown): string {
  const item = (body as { item?: unknown } | undefined)?.item;
  if (item === undefined)
    throw new BadRequestException('send JSON {"item":"apple"}: the item is missing');
  if (
    typeof item !== 'string' ||
    item.length < 1 ||
    item.length > 64 ||
    hasControlCharacter(item)
  ) {
    throw new BadRequestException('item must be 1-64 printable characters');
  }
  return item;
}

/** CR, LF and friends could split a header or a log line wherever the item is echoed. */
function hasControlCharacter(text: string): boolean {
  return [...text].some(
    (character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f,
  );
}
