import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request } from 'express';

/**
 * express-session skips the session entirely when its store reports a disconnect:
 * `req.session` is then undefined. Answer that honestly instead of pretending the user is new.
 */
@Injectable()
export class SessionAvailableGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.session) {
      throw new ServiceUnavailableException(
        'the session store is unavailable, so this server cannot read or save your session; try again shortly',
      );
    }
    return true;
  }
}
