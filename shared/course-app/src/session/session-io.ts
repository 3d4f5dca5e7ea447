import type { Request } from 'express';
import type { Session } from 'express-session';
import { storeUnavailable } from '../common/http-errors';

// express-session's session methods take callbacks; the controllers read better with promises.

export function regenerate(request: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    request.session.regenerate((error) => (error ? reject(storeUnavailable(error)) : resolve())),
  );
}

export function save(session: Session): Promise<void> {
  return new Promise((resolve, reject) =>
    session.save((error) => (error ? reject(storeUnavailable(error)) : resolve())),
  );
}

export function destroy(session: Session): Promise<void> {
  return new Promise((resolve, reject) =>
    session.destroy((error) => (error ? reject(storeUnavailable(error)) : resolve())),
  );
}
