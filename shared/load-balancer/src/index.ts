export { startBalancer, type Balancer, type BalancerOptions } from './balancer';
export { ServerPool } from './pool';
export { strategies, strategyByName } from './strategies';
export { roundRobin } from './strategies/round-robin';
export { leastConnections } from './strategies/least-connections';
export { stickyAppCookie, appServerCookie } from './strategies/sticky-app-cookie';
export {
  stickyInsertCookie,
  insertedServerCookie,
  type StickyInsertOptions,
} from './strategies/sticky-insert-cookie';
export { parseCookies, withoutCookie } from './cookies';
export { checkRequestTarget, normalizedPath } from './request-guard';
export { defaultHealthCheck, type HealthCheckOptions } from './health-checker';
export { ControlParamsError, type ControlHandler } from './admin/control-route';
export { labLanguage, labLanguages, type LabLanguage } from './admin/language';
export type {
  BackendServer,
  Health,
  RequestEvent,
  RouteContext,
  RouteDecision,
  RouteReason,
  Strategy,
} from './types';
