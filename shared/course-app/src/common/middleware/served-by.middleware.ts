import type { NextFunction, Request, Response } from 'express';

/** Every response, errors and 404s included, says which server answered. */
export function servedBy(serverId: string) {
  return (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('X-Served-By', serverId);
    next();
  };
}
