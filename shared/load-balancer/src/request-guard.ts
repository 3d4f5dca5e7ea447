/** Paths a client may never reach through the balancer (the reserved prefixes of docs/ARCHITECTURE.md). */
const reservedPrefixes = ['/__internal', '/__lb'];

/**
 * A path no reading can change: no percent-encoding, backslash, ";" parameter or dot segment,
 * and a first segment that cannot be a reserved prefix in any letter case.
 */
const plainPath = /^\/(?!__)[^%\\;?#]*(?:[?#].*)?$/s;
const dotSegment = /\/\.\.?(?:\/|$)/;

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
  // Most paths ("/me", "/cart?x=1") have nothing to decode, resolve or strip: nothing to check.
  if (plainPath.test(url) && !dotSegment.test(url)) return { ok: true };
  const path = normalizedPath(url);
  if (path === undefined)
    return { ok: false, status: 400, message: 'the request path is not valid percent-encoding' };
  // Reserved in any reading: decoded first (%2F becomes a separator), or segment by segment.
  for (const reading of [path, segmentwisePath(url)]) {
    if (reservedPrefixes.some((prefix) => reading === prefix || reading.startsWith(`${prefix}/`)))
      return {
        ok: false,
        status: 404,
        message: `${reading} is internal to the lab and not reachable through the balancer`,
      };
  }
  return checkUnambiguousPath(url);
}

/**
 * The path is forwarded byte for byte, so the balancer must read it the way every server
 * will. A path is refused when servers disagree on its segments: an encoded "/" or "\"
 * (%2F, %5C: one server splits there, another does not), an encoded "." (%2E: "%2E%2E" is
 * ".." to a server that decodes before resolving), a backslash (a separator on some
 * servers), and "." or ".." segments (some servers resolve them, others match them as text).
 */
export function checkUnambiguousPath(url: string): GuardVerdict {
  const rawPath = pathOf(url);
  if (/%(2f|5c|2e)/i.test(rawPath))
    return {
      ok: false,
      status: 400,
      message:
        'an encoded "/", "\\" or "." (%2F, %5C, %2E) in the path is refused: servers read it differently',
    };
  if (rawPath.includes('\\'))
    return {
      ok: false,
      status: 400,
      message: 'a backslash in the path is refused: some servers read it as "/"',
    };
  if (rawPath.split('/').some((segment) => segment === '.' || segment === '..'))
    return {
      ok: false,
      status: 400,
      message: '"." and ".." segments in the path are refused: servers resolve them differently',
    };
  return { ok: true };
}

/**
 * RFC 9112 section 3.2: an HTTP/1.1 request needs exactly one Host header. Two of them are
 * ambiguous (the balancer and a server could each believe a different one), so both are refused.
 */
export function checkHostHeader(httpVersion: string, rawHeaders: readonly string[]): GuardVerdict {
  let hosts = 0;
  for (let i = 0; i < rawHeaders.length; i += 2)
    if (rawHeaders[i].length === 4 && rawHeaders[i].toLowerCase() === 'host') hosts += 1;
  if (hosts > 1)
    return { ok: false, status: 400, message: 'a request may carry only one Host header' };
  if (hosts === 0 && httpVersion !== '1.0')
    return { ok: false, status: 400, message: 'an HTTP/1.1 request needs a Host header' };
  return { ok: true };
}

/**
 * The path as a server could interpret it: percent-decoded, lower-cased (Express matches
 * routes case-insensitively), path parameters (";x=y") and dot segments removed, slashes collapsed.
 */
export function normalizedPath(url: string): string | undefined {
  const rawPath = pathOf(url);
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
  return resolveDotSegments(segments);
}

/** The path as a server that splits on "/" before decoding reads it ("%2F" stays inside a segment). */
function segmentwisePath(url: string): string {
  const segments = pathOf(url)
    .split('/')
    .map((segment) => safeDecode(segment).toLowerCase().split(';')[0]);
  return resolveDotSegments(segments);
}

function resolveDotSegments(segments: readonly string[]): string {
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') resolved.pop();
    else resolved.push(segment);
  }
  return `/${resolved.join('/')}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function pathOf(url: string): string {
  return url.split('?')[0].split('#')[0];
}
