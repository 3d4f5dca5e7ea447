import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/**
 * Every error leaves as `{ statusCode, error, message }` JSON: Nest's own exceptions,
 * body-parser's (malformed JSON 400, too large 413), and anything unexpected (500, logged).
 */
@Catch()
export class JsonErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('JsonErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, message } = describe(exception);
    if (status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return void response.end();
    response.status(status).json({ statusCode: status, error: STATUS_CODES[status], message });
  }
}

function describe(exception: unknown): { status: number; message: string } {
  if (exception instanceof HttpException) {
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return {
      status: exception.getStatus(),
      message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
    };
  }
  // body-parser marks its errors with `type` and an HTTP status.
  const parserError = exception as { type?: string; status?: number; message?: string };
  if (parserError?.type === 'entity.parse.failed')
    return { status: 400, message: 'the request body is not valid JSON' };
  if (parserError?.type === 'entity.too.large')
    return { status: 413, message: 'the request body is too large' };
  if (
    typeof parserError?.status === 'number' &&
    parserError.status >= 400 &&
    parserError.status < 500
  ) {
    return { status: parserError.status, message: parserError.message ?? 'bad request' };
  }
  return { status: 500, message: 'internal server error' };
}
