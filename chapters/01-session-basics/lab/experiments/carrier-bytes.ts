import { progress } from '@sessions/harness';

export type Carrier = 'cookie' | 'url' | 'header';

export interface CarrierBytes {
  carrier: Carrier;
  requests: number;
  /** Bytes of the id's carrier in requests: the Cookie line, the ;jsessionid= in the path, the X-Auth-Token line. */
  sentBytes: number;
  /** Bytes of it in responses: Set-Cookie lines, rewritten links and Location headers, X-Auth-Token lines. */
  receivedBytes: number;
  /** How many of the responses carried the id (or a new cookie) back. */
  responsesCarryingId: number;
}

export interface CarrierBytesOptions {
  /** Page views (or GET /api/me for the API client) after logging in and adding two items. */
  views: number;
}

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const json = { 'content-type': 'application/json' };
const headerLine = (name: string, value: string) => Buffer.byteLength(`${name}: ${value}\r\n`);

/** Puts the id's header on a request, once there is an id, and counts its bytes. */
function sendHeader(
  tally: CarrierBytes,
  headers: Record<string, string>,
  name: string,
  value: string | undefined,
): void {
  if (!value) return;
  headers[name.toLowerCase()] = value;
  tally.sentBytes += headerLine(name, value);
}

/** Counts a response header that carried the id back. */
function receivedHeader(tally: CarrierBytes, name: string, value: string): void {
  tally.receivedBytes += headerLine(name, value);
  tally.responsesCarryingId += 1;
}

// #region carrier-bytes
/**
 * The same user journey three times, once per carrier: log in, add two items, then look
 * at the result `views` times. A minimal client (fetch, no jar) counts every byte that
 * exists only to carry the session id, in both directions.
 */
export async function measureCarrierBytes(
  baseUrl: string,
  options: CarrierBytesOptions,
): Promise<CarrierBytes[]> {
  return [
    await cookieJourney(baseUrl, options),
    await urlJourney(baseUrl, options),
    await headerJourney(baseUrl, options),
  ];
}
// #endregion carrier-bytes

/** A browser with cookies: the page's forms and links, the id in the Cookie header. */
async function cookieJourney(baseUrl: string, { views }: CarrierBytesOptions) {
  const tally = newTally('cookie');
  let cookie: string | undefined;
  const send = async (method: string, path: string, body?: string) => {
    const headers: Record<string, string> = body ? { ...form } : {};
    sendHeader(tally, headers, 'Cookie', cookie);
    const response = await call(baseUrl, method, path, headers, body);
    await response.text();
    const setCookie = response.headers.getSetCookie().find((line) => line.startsWith('sid='));
    if (setCookie) {
      cookie = setCookie.split(';')[0];
      receivedHeader(tally, 'Set-Cookie', setCookie);
    }
    tally.requests += 1;
  };
  await visitPages(send, views, 'cookie carrier');
  return tally;
}

/** The same visit for both page carriers: log in, look, add two items, then `views` more looks. */
async function visitPages(
  send: (method: string, path: string, body?: string) => Promise<void>,
  views: number,
  label: string,
): Promise<void> {
  await send('POST', '/form/login', 'userid=a');
  await send('GET', '/');
  for (const item of ['apple', 'pear']) {
    await send('POST', '/form/cart', `item=${item}`);
    await send('GET', '/');
  }
  for (let i = 0; i < views; i++) {
    await send('GET', '/');
    progress(label, i + 1, views);
  }
}

/** A browser that refuses cookies: the id rides in every link, form and redirect. */
async function urlJourney(baseUrl: string, { views }: CarrierBytesOptions) {
  const tally = newTally('url');
  let parameter = '';
  const send = async (method: string, path: string, body?: string) => {
    const target = parameter ? path.replace(/^(\/[^?]*)/, `$1${parameter}`) : path;
    tally.sentBytes += Buffer.byteLength(parameter);
    const response = await call(baseUrl, method, target, body ? { ...form } : {}, body);
    const text = await response.text();
    const location = response.headers.get('location') ?? '';
    const found = /;jsessionid=[A-Za-z0-9_-]{32}/.exec(location || text);
    if (found) {
      parameter = found[0];
      const occurrences = (location + text).split(parameter).length - 1;
      tally.receivedBytes += occurrences * Buffer.byteLength(parameter);
      tally.responsesCarryingId += 1;
    }
    tally.requests += 1;
  };
  await visitPages(send, views, 'URL rewriting');
  return tally;
}

/** An API client: JSON calls under /api, the id in X-Auth-Token. */
async function headerJourney(baseUrl: string, { views }: CarrierBytesOptions) {
  const tally = newTally('header');
  let token: string | undefined;
  const send = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = body ? { ...json } : {};
    sendHeader(tally, headers, 'X-Auth-Token', token);
    const response = await call(
      baseUrl,
      method,
      path,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
    );
    await response.text();
    const answered = response.headers.get('x-auth-token');
    if (answered !== null) {
      token = answered;
      receivedHeader(tally, 'X-Auth-Token', answered);
    }
    tally.requests += 1;
  };
  await send('POST', '/api/login', { userid: 'a' });
  await send('GET', '/api/me');
  for (const item of ['apple', 'pear']) {
    await send('POST', '/api/cart', { item });
    await send('GET', '/api/me');
  }
  for (let i = 0; i < views; i++) {
    await send('GET', '/api/me');
    progress('header carrier', i + 1, views);
  }
  return tally;
}

function newTally(carrier: Carrier): CarrierBytes {
  return { carrier, requests: 0, sentBytes: 0, receivedBytes: 0, responsesCarryingId: 0 };
}

async function call(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Response> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body,
    redirect: 'manual',
  });
  if (response.status >= 400)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}
