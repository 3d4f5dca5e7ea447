import type { EchoedRequest } from '../world/echo-backend';
import type { Check, Reply } from './hostile-case';

/** Reusable checks, each saying in plain words what went wrong. */

export const servedByPool: Check = (reply, context) => {
  const server = reply.headers['x-served-by']?.[0];
  return server !== undefined && context.poolIds.includes(server)
    ? undefined
    : `answered by "${server ?? 'nobody'}", not by a server of the pool (${context.poolIds.join(', ')})`;
};

export function echoed(reply: Reply): EchoedRequest | undefined {
  try {
    return JSON.parse(reply.body) as EchoedRequest;
  } catch {
    return undefined;
  }
}

/** The backend believed the client is the balancer's peer (127.0.0.1) over plain http. */
export const appSawBalancerValues: Check = (reply, context) => {
  const seen = echoed(reply);
  if (!seen) return 'the backend did not echo what it saw';
  const wrong: string[] = [];
  if (seen.ip !== '127.0.0.1') wrong.push(`client address ${seen.ip}`);
  if (seen.protocol !== 'http') wrong.push(`protocol ${seen.protocol}`);
  if (seen.hostname !== context.host.split(':')[0]) wrong.push(`host ${seen.hostname}`);
  for (const header of ['forwarded', 'x-real-ip', 'x-forwarded-port'])
    if (seen.headers[header] !== undefined) wrong.push(`a ${header} header`);
  return wrong.length ? `the app believed the client's values: ${wrong.join(', ')}` : undefined;
};

export function noResponseHeader(name: string): Check {
  return (reply) =>
    reply.headers[name.toLowerCase()] !== undefined
      ? `the response carries an injected ${name} header`
      : undefined;
}

export function noCookieSet(name: string): Check {
  return (reply) =>
    (reply.headers['set-cookie'] ?? []).some((line) => line.startsWith(`${name}=`))
      ? `the response sets a cookie named ${name}`
      : undefined;
}

export function counted(counter: string): Check {
  return (_reply, _context, bumped) =>
    (bumped[counter] ?? 0) > 0 ? undefined : `the balancer did not count it as "${counter}"`;
}

export function bodyLacks(text: string, what: string): Check {
  return (reply) => (reply.body.includes(text) ? `the answer contains ${what}` : undefined);
}

/** The answer closed within `ms` (a held connection is the failure a timeout prevents). */
export function closedWithin(ms: number): Check {
  return (reply) =>
    reply.ms > ms ? `took ${Math.round(reply.ms)} ms to be cut off (limit ${ms} ms)` : undefined;
}

/** The backend behind an echo balancer never received this request header. */
export function appNeverSaw(header: string): Check {
  return (reply) =>
    echoed(reply)?.headers[header] !== undefined
      ? `the app received the client's ${header} header`
      : undefined;
}
