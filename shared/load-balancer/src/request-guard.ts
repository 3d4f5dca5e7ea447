/** Paths a client may never reach through the balancer (the reserved prefixes of docs/ARCHITECTURE.md). */
const reservedPrefixes = ['/__internal', '/__lb'];

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

/**
 * The balancer is never an open proxy: only origin-form targets ("/path?query") are
 * forwarded, always to a server of the pool. CONNECT and absolute URIs are refused.
 */
export function checkRequestTarget(method: string, url: string): GuardVerdict {
  if (method === 'CONNECT') {
    return {
      ok: false,
      status: 405,
      message: 'CONNECT is not allowed: this balancer is not a forward proxy',
    };
  }
  if (!url.startsWith('/') || url.startsWith('//')) {
    return {
      ok: false,
      status: 400,
      message:
        'only origin-form request targets ("/path") are accepted: this balancer is not a forward proxy',
    };
  }
  const path = normalizedPath(url);
  if (path === undefined)
    return { ok: false, status: 400, message: 'the request path is not valid percent-encoding' };
  if (reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
    return {
      ok: false,
      status: 404,
      message: `${path} is internal to the lab and not reachable through the balancer`,
    };
  }
  return { ok: true };
}

/**
 * RFC 9112 section 3.2: an HTTP/1.1 request needs exactly one Host header. Two of them are
 * ambiguous (the balancer and a server could each believe a different one), so both are refused.
 */
export function checkHostHeader(httpVersion: string, rawHeaders: readonly string[]): GuardVerdict {
  const hosts = rawHeaders.filter((_, i) => i % 2 === 0 && rawHeaders[i].toLowerCase() === 'host');
  if (hosts.length > 1)
    return { ok: false, status: 400, message: 'a request may carry only one Host header' };
  if (hosts.length === 0 && httpVersion !== '1.0')
    return { ok: false, status: 400, message: 'an HTTP/1.1 request needs a Host header' };
  return { ok: true };
}

/**
 * The path as a server could interpret it: percent-decoded, lower-cased (Express matches
 * routes case-insensitively), path parameters (";x=y") and dot segments removed, slashes collapsed.
 */
export function normalizedPath(url: string): string | undefined {
  const rawPath = url.split('?')[0].split('#')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  const segments = decoded
    .toLowerCase()
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => segment.split(';')[0]);
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') resolved.pop();
    else resolved.push(segment);
  }
  return `/${resolved.join('/')}`;
}
