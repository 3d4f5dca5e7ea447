import { sendFetch } from '../send/fetch-http';
import { httpRequest } from '../send/raw-http';
import { bodyLacks, noCookieSet, noResponseHeader } from './checks';
import { replicationCases } from './replication-cases';
import type { CaseContext, HostileCase, Reply } from './hostile-case';
import { logIn, me, neverIssuedId, parseJson, signedCookieValue, useridOf } from './session-steps';

const json = { 'content-type': 'application/json' };

/** The course app's cart limit (shared/course-app/src/cart/add-item.dto.ts). */
const maxCartItems = 100;

/** A POST /login with this body, straight to the server. */
/** A case sent as steps (log in, then send something), judged by the reply `run` returns. */
function steps(run: (context: CaseContext) => Promise<Reply>): HostileCase['send'] {
  return { via: 'steps', run };
}

function postLogin(body: string, headers: Record<string, string> = json) {
  return { via: 'fetch' as const, method: 'POST', path: '/login', headers: () => headers, body };
}

/** A POST /login the app must refuse (400 unless said otherwise), changing nothing. */
function loginRefused(
  kind: string,
  name: string,
  send: ReturnType<typeof postLogin>,
  expectedStatus = 400,
): HostileCase {
  return { kind, name, target: 'app', send, expectedStatus };
}

/** CR LF inside the request target: whatever the answer, no header may be injected. */
function crlfInTarget(path: string, expectedStatus: number, note?: string): HostileCase {
  return {
    kind: 'CRLF in parameters',
    name: note ? `GET ${path} ${note}` : `GET ${path}`,
    target: 'app',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest(`GET ${path} HTTP/1.1`, [`Host: ${c.host}`, 'Connection: close']),
    },
    expectedStatus,
    checks: [noResponseHeader('X-Injected')],
  };
}

/** POST /cart with one item, as the user whose cookie this is. */
function addToCart(context: CaseContext, cookie: string, item: string): Promise<Reply> {
  return sendFetch(`${context.baseUrl}/cart`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({ item }),
  });
}

/** The reply must say the user is unknown: the server adopted nothing. */
function expectUnknown(reply: Reply, what: string): Reply {
  const userid = useridOf(reply);
  return userid === null
    ? { ...reply, notes: 'userid null: not adopted' }
    : { ...reply, problems: [`${what} was accepted as user ${JSON.stringify(userid)}`] };
}

/** Changes one character in the middle of a string (to 'A', or 'B' if it already was 'A'). */
function changeOneCharacter(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

function tampered(part: 'signature' | 'id'): HostileCase {
  return {
    kind: 'tampered signed session cookie',
    name:
      part === 'signature'
        ? 'one character of the signature changed'
        : 'one character of the id changed',
    target: 'app',
    send: steps(async (context) => {
      const user = await logIn(context, 'victim');
      const value = decodeURIComponent(user.cookieValue); // s:<id>.<signature>
      const dot = value.lastIndexOf('.');
      const forged = changeOneCharacter(value, part === 'signature' ? dot + 10 : 5);
      const reply = await me(context, {
        cookie: `${user.cookieName}=${encodeURIComponent(forged)}`,
      });
      return expectUnknown(reply, 'a tampered cookie');
    }),
    expectedStatus: 200,
  };
}

/** Last writer wins: each request read the session, added its item, and saved its whole copy. */
async function concurrentCartWrites(context: CaseContext, writes: number): Promise<Reply> {
  const user = await logIn(context, 'busy');
  const replies = await Promise.all(
    Array.from({ length: writes }, (_, i) => addToCart(context, user.cookie, `item-${i}`)),
  );
  const final = await me(context, { cookie: user.cookie });
  const finalCart = parseJson<{ cart: string[] }>(final)?.cart ?? [];
  const problems: string[] = [];
  const failed = replies.filter((reply) => reply.status !== 200);
  if (failed.length)
    problems.push(`${failed.length} of ${writes} writes failed (${failed[0].status})`);
  const carts = replies.map((reply) => parseJson<{ cart: string[] }>(reply)?.cart ?? []);
  // The stored cart is exactly the copy one request saved: the last one to save.
  if (!carts.some((cart) => JSON.stringify(cart) === JSON.stringify(finalCart)))
    problems.push(`the stored cart ${JSON.stringify(finalCart)} is no request's saved copy`);
  if (finalCart.length < 1 || finalCart.length > writes)
    problems.push(`the stored cart has ${finalCart.length} items after ${writes} writes`);
  return {
    ...final,
    problems,
    notes: `${writes - finalCart.length} of ${writes} concurrent writes lost (last writer wins)`,
  };
}

/** Hostile input to a chapter's server, sent to it directly. Chapter-specific cases are added below. */
export function appCases(chapter: string): HostileCase[] {
  const cases: HostileCase[] = [
    tampered('signature'),
    tampered('id'),
    {
      kind: 'unsigned session cookie',
      name: 'a real session id without its signature',
      target: 'app',
      send: steps(async (context) => {
        const user = await logIn(context, 'victim');
        return expectUnknown(
          await me(context, { cookie: `${user.cookieName}=${user.sessionId}` }),
          'an unsigned id',
        );
      }),
      expectedStatus: 200,
    },
    {
      kind: 'planted session id (fixation)',
      name: 'a validly signed id the server never issued, then a login',
      target: 'app',
      send: steps(async (context) => {
        const planted = neverIssuedId();
        const cookie = `sid=${signedCookieValue(planted, context.sessionSecret)}`;
        const before = expectUnknown(await me(context, { cookie }), 'a never-issued id');
        const login = await sendFetch(`${context.baseUrl}/login`, {
          method: 'POST',
          headers: { ...json, cookie },
          body: '{"userid":"victim"}',
        });
        const sessionId = parseJson<{ sessionId?: string }>(login)?.sessionId;
        const problems = [...(before.problems ?? [])];
        if (!sessionId || sessionId === planted || login.body.includes(planted))
          problems.push(`the login kept the planted id (${sessionId})`);
        return { ...login, problems, notes: 'login issued a fresh id' };
      }),
      expectedStatus: 200,
      checks: [
        (reply) =>
          (reply.headers['set-cookie'] ?? []).some((line) => line.includes(neverIssuedId()))
            ? 'the planted id came back in Set-Cookie'
            : undefined,
      ],
    },
    {
      kind: 'session id in the URL',
      name: 'another user’s real id in ?sid=, ?jsessionid=, ?sessionId=',
      target: 'app',
      send: steps(async (context) => {
        const { sessionId } = await logIn(context, 'victim');
        const query = ['sid', 'jsessionid', 'sessionId'].map((name) => `${name}=${sessionId}`);
        return expectUnknown(await me(context, {}, `/me?${query.join('&')}`), 'an id in the query');
      }),
      expectedStatus: 200,
    },
    // CR LF where a value might be echoed into a header.
    {
      kind: 'CRLF in parameters',
      name: 'userid "a\\r\\nSet-Cookie: injected=1"',
      target: 'app',
      send: postLogin(JSON.stringify({ userid: 'a\r\nSet-Cookie: injected=1' })),
      expectedStatus: 400,
      checks: [noCookieSet('injected')],
    },
    {
      kind: 'CRLF in parameters',
      name: 'cart item "apple\\r\\nX-Injected: 1" (logged in)',
      target: 'app',
      send: steps(async (context) => {
        const user = await logIn(context, 'shopper');
        return addToCart(context, user.cookie, 'apple\r\nX-Injected: 1');
      }),
      expectedStatus: 400,
      checks: [noResponseHeader('X-Injected')],
    },
    crlfInTarget('/me?next=%0d%0aX-Injected:%201', 200),
    crlfInTarget('/%0d%0aX-Injected:%201', 404, '(unknown route)'),
    // Bodies.
    loginRefused(
      'huge JSON body',
      '100 KB login body (the app accepts 16 KB)',
      postLogin(JSON.stringify({ userid: 'a', padding: 'x'.repeat(100_000) })),
      413,
    ),
    loginRefused('malformed JSON body', '{"userid":', postLogin('{"userid":')),
    loginRefused('malformed JSON body', 'a bare JSON string "a"', postLogin('"a"')),
    loginRefused(
      'malformed JSON body',
      'the right JSON sent as text/plain',
      postLogin('{"userid":"a"}', { 'content-type': 'text/plain' }),
    ),
    loginRefused('wrongly typed JSON', 'userid {"$ne":null}', postLogin('{"userid":{"$ne":null}}')),
    loginRefused(
      'wrongly typed JSON',
      'userid of 65 characters',
      postLogin(JSON.stringify({ userid: 'u'.repeat(65) })),
    ),
    loginRefused(
      'wrongly typed JSON',
      'userid nested 7000 arrays deep',
      postLogin(`{"userid":${'['.repeat(7000)}${']'.repeat(7000)}}`),
    ),
    {
      kind: 'prototype pollution',
      name: '{"__proto__":{"userid":"admin"}} then a fresh GET /me',
      target: 'app',
      send: steps(async (context) => {
        const login = await sendFetch(`${context.baseUrl}/login`, {
          method: 'POST',
          headers: json,
          body: '{"__proto__":{"userid":"admin"},"constructor":{"prototype":{"userid":"admin"}}}',
        });
        const after = expectUnknown(await me(context), 'a polluted prototype');
        return { ...login, problems: after.problems, notes: 'a fresh client is still nobody' };
      }),
      expectedStatus: 400,
    },
    {
      kind: 'stored HTML injection',
      name: 'cart item <script>…</script>, then the HTML page',
      target: 'app',
      send: steps(async (context) => {
        const user = await logIn(context, 'shopper');
        const added = await addToCart(context, user.cookie, '<script>alert(1)</script>');
        const page = await me(context, { cookie: user.cookie }, '/');
        return {
          ...page,
          problems: added.status === 200 ? [] : [`adding the item answered ${added.status}`],
        };
      }),
      expectedStatus: 200,
      checks: [bodyLacks('<script>alert(1)</script>', 'the item as live HTML')],
    },
    {
      kind: 'session bloat',
      name: '101 cart items into one session (the cart holds 100)',
      target: 'app',
      send: steps(async (context) => {
        const user = await logIn(context, 'hoarder');
        let last: Reply | undefined;
        for (let i = 0; i <= maxCartItems; i++) {
          last = await addToCart(context, user.cookie, `item-${i}`);
          if (i < maxCartItems && last.status !== 200)
            return { ...last, problems: [`item ${i + 1} was refused (${last.status})`] };
        }
        return last!;
      }),
      expectedStatus: 409,
    },
    {
      kind: 'oversized headers to a server',
      name: 'one 20 KB header, straight to the server',
      target: 'app',
      send: {
        via: 'raw',
        bytes: (c) =>
          httpRequest('GET /me HTTP/1.1', [`Host: ${c.host}`, `X-Filler: ${'x'.repeat(20_000)}`]),
      },
      expectedStatus: 431,
    },
    {
      kind: 'malformed HTTP to a server',
      name: 'garbage request line, straight to the server',
      target: 'app',
      send: { via: 'raw', bytes: () => 'HELLO THERE\r\n\r\n' },
      expectedStatus: 400,
    },
    {
      kind: 'concurrent writes to one session',
      name: '12 POST /cart at once with one cookie',
      target: 'app',
      send: { via: 'steps', run: (context) => concurrentCartWrites(context, 12) },
      expectedStatus: 200,
    },
  ];
  return [...cases, ...(chapterSpecific[chapter] ?? [])];
}

/** Cases that only make sense where a chapter offers the thing attacked. */
const chapterSpecific: Record<string, HostileCase[]> = {
  // Chapter 04's servers accept signed replication messages from their peers.
  '04-clustering': replicationCases,
  // Chapter 01 accepts the id from the URL (;jsessionid=) and from X-Auth-Token under /api.
  '01-session-basics': [
    {
      kind: 'session id in the URL',
      name: '/login;jsessionid=<never issued> (URL rewriting must not adopt it)',
      target: 'app',
      send: steps(async (context) => {
        const planted = neverIssuedId();
        const before = expectUnknown(
          await me(context, {}, `/me;jsessionid=${planted}`),
          'a never-issued id in the URL',
        );
        const login = await sendFetch(`${context.baseUrl}/login;jsessionid=${planted}`, {
          method: 'POST',
          headers: json,
          body: '{"userid":"victim"}',
        });
        const sessionId = parseJson<{ sessionId?: string }>(login)?.sessionId;
        const problems = [...(before.problems ?? [])];
        if (!sessionId || sessionId === planted) problems.push('the login kept the planted id');
        return { ...login, problems, notes: 'login issued a fresh id' };
      }),
      expectedStatus: 200,
    },
    {
      kind: 'planted session id (fixation)',
      name: 'X-Auth-Token: <never issued> on /api/me',
      target: 'app',
      send: {
        via: 'steps',
        run: async (context) =>
          expectUnknown(
            await me(context, { 'x-auth-token': neverIssuedId() }, '/api/me'),
            'a never-issued X-Auth-Token',
          ),
      },
      expectedStatus: 200,
      checks: [
        (reply) =>
          reply.headers['x-auth-token']?.[0] === neverIssuedId()
            ? 'the planted token was confirmed in X-Auth-Token'
            : undefined,
      ],
    },
  ],
};
