import { z } from 'zod';
import { ZodBodyPipe } from '../common/pipes/zod-body.pipe';

export const maxCartItems = 100;

const missing = 'send JSON {"item":"apple"}: the item is missing';
const invalid = 'item must be 1-64 printable characters';

/** `{"item":"apple"}`: a short item name. CR, LF and friends could split a header or a log line wherever the item is echoed. */
export const addItemBody = z.object({
  item: z
    .string({ error: (issue) => (issue.input === undefined ? missing : invalid) })
    .min(1, invalid)
    .max(64, invalid)
    .refine((item) => !hasControlCharacter(item), invalid),
});
export type AddItemBody = z.infer<typeof addItemBody>;

export const addItemBodyPipe = new ZodBodyPipe(addItemBody);

function hasControlCharacter(text: string): boolean {
  return [...text].some(
    (character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f,
  );
}
