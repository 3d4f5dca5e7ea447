import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

/**
 * Validates a request body against a zod schema: `@Body(loginBodyPipe) { userid }: LoginBody`.
 * A body that is not a JSON object counts as an empty one, so it gets the schema's "missing"
 * message; the first problem found is the 400's message.
 */
export class ZodBodyPipe<Schema extends z.ZodType> implements PipeTransform<
  unknown,
  z.infer<Schema>
> {
  constructor(private readonly schema: Schema) {}

  transform(body: unknown): z.infer<Schema> {
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
    const result = this.schema.safeParse(fields);
    if (!result.success) throw new BadRequestException(result.error.issues[0].message);
    return result.data;
  }
}
