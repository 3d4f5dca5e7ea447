import type { Request } from 'express';

export interface Me {
  server: string;
  /** null when this server holds no session for the request: the inconsistency, visible. */
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

// #region describe-me
export function describeMe(serverId: string, request: Request): Me {
  const session = request.session;
  const known = session?.userid !== undefined;
  return {
    server: serverId,
    sessionId: known ? request.sessionID : null,
    userid: known ? session.userid! : null,
    cart: known ? (session.cart ?? []) : [],
  };
}
// #endregion describe-me
