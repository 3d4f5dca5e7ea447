import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { storeUnavailable } from '@sessions/course-app';
import type { UserSessionIndex } from './user-session-index';
import { USER_SESSION_INDEX } from './user-sessions.tokens';

// #region session-limit
/**
 * After a successful POST /login, register the new session under its user, and end the
 * user's oldest sessions beyond the limit (Spring Security's maximumSessions(K) expires the
 * least recently used one). The login itself stays the shared course code.
 */
@Injectable()
export class SessionRegistryInterceptor implements NestInterceptor {
  constructor(@Inject(USER_SESSION_INDEX) private readonly index: UserSessionIndex) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    const isLogin = request.method === 'POST' && request.route?.path === '/login';
    if (!isLogin) return next.handle();
    return next.handle().pipe(
      mergeMap((body) =>
        from(
          this.index.register(request.session.userid!, request.sessionID).then(
            () => body,
            (error: unknown) => {
              throw storeUnavailable(error);
            },
          ),
        ),
      ),
    );
  }
}
// #endregion session-limit
