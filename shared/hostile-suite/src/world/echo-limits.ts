/**
 * The limits of the balancers in front of the echo backends, small so that a case can reach
 * each one in a second or two. The silent target's balancer waits `proxyTimeoutMs` for a
 * server that never answers; every echo balancer cuts off a body still arriving after
 * `requestTimeoutMs`.
 */
export const echoLimits = {
  proxyTimeoutMs: 1500,
  requestTimeoutMs: 2000,
  maxConnections: 48,
  maxEventSubscribers: 32,
};
