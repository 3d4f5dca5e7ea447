import { z } from 'zod';
import { ZodBodyPipe } from '../common/pipes/zod-body.pipe';

const missing = 'send JSON {"userid":"a"}: the userid is missing';
const invalid = 'userid must be 1-64 letters, digits, or . _ @ -';

/** `{"userid":"a"}`: a short plain id, so it is safe to show on a page and in a log. */
export const loginBody = z.object({
  userid: z
    .string({ error: (issue) => (issue.input === undefined ? missing : invalid) })
    .regex(/^[A-Za-z0-9_.@-]{1,64}$/, invalid),
});
export type LoginBody = z.infer<typeof loginBody>;

export const loginBodyPipe = new ZodBodyPipe(loginBody);
