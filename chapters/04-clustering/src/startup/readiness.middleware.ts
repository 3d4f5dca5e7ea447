import type { NextFunction, Request, Response } from 'express';
import type { Readiness } from '../cluster/readiness';
import { replicationPath } from '../replication/replication-client';

/**
 * Until state transfer finished this server holds none of the cluster's sessions, so it
 * serves nobody: /health answers 503 (the balancer and the harness wait for 200), and
 * only replication traffic gets through.
 */
export function readinessGate(serverId: string, readiness: Readiness) {
  return (request: Request, response: Response, next: NextFunction) => {
    if (readiness.ready || request.path.startsWith(`${replicationPath}/`)) return next();
    response
      .status(503)
      .set('x-served-by', serverId)
      .set('retry-after', '1')
      .json({ statusCode: 503, server: serverId, status: 'starting', message: readiness.reason });
  };
}
