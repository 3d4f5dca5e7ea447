import net from 'node:net';
import { waitFor } from '@sessions/harness';
import { echoLimits } from '../world/echo-limits';
import { sendFetch } from '../send/fetch-http';
import { sendRaw } from '../send/raw-http';
import { bodyLacks, closedWithin, counted } from './checks';
import type { CaseContext, HostileCase, Reply } from './hostile-case';

const eventsRequest = (context: CaseContext) =>
  `GET /__lb/events HTTP/1.1\r\nHost: ${context.host}\r\n\r\n`;

/** Opens a socket and writes `bytes`; resolves once it is connected. */
function openSocket(context: CaseContext, bytes?: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(context.port, '127.0.0.1', () => {
      if (bytes) socket.write(bytes);
      resolve(socket);
    });
    socket.on('error', reject);
  });
}

async function counter(context: CaseContext, name: string): Promise<number> {
  const reply = await sendFetch(`${context.baseUrl}/__lb/state`, {});
  return (JSON.parse(reply.body) as { counters: Record<string, number> }).counters[name] ?? 0;
}

/**
 * The smuggling attack as a learner tried it: a DELETE whose chunked body is a request for
 * /__internal/sessions, then ordinary GET /me requests from anybody. None of them may be
 * answered with a server's session list.
 */
async function smuggleOntoPooledConnection(context: CaseContext, method: string): Promise<Reply> {
  const inner = `GET /__internal/sessions HTTP/1.1\r\nHost: ${context.host}\r\n\r\n`;
  const attack = await sendRaw(
    context.port,
    `${method} / HTTP/1.1\r\nHost: ${context.host}\r\nTransfer-Encoding: chunked\r\n\r\n` +
      `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`,
  );
  const problems: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const later = await sendFetch(`${context.baseUrl}/me`, {});
    if (later.body.includes('"sessions":['))
      problems.push(
        `a later GET /me was answered with a server's session list: ${later.body.slice(0, 80)}`,
      );
  }
  return { ...attack, problems };
}

/** Events with long paths, answered by the balancer itself on one kept-alive connection. */
async function makeEvents(context: CaseContext, count: number): Promise<void> {
  const path = `/__internal/${'x'.repeat(180)}`;
  const one = `GET ${path} HTTP/1.1\r\nHost: ${context.host}\r\nX-Lab-Client: ${'r'.repeat(60)}\r\n\r\n`;
  const last = `GET ${path} HTTP/1.1\r\nHost: ${context.host}\r\nConnection: close\r\n\r\n`;
  await sendRaw(context.port, one.repeat(count - 1) + last, { readAll: true, giveUpMs: 20_000 });
}

/** A reader of /__lb/events that never reads: the balancer must drop it, not buffer for it. */
async function nonReadingSubscriber(context: CaseContext): Promise<Reply> {
  const reader = await openSocket(context, eventsRequest(context));
  reader.pause();
  const before = await counter(context, 'event-readers-dropped');
  const problems: string[] = [];
  try {
    // Each batch is about 150 kB of events; the kernel's socket buffers take a few MB first.
    for (let batch = 0; ; batch += 1) {
      await makeEvents(context, 500);
      if ((await counter(context, 'event-readers-dropped')) > before) break;
      if (batch === 60) {
        problems.push('the reader was still subscribed after 30,000 events it never read');
        break;
      }
    }
  } finally {
    reader.destroy();
  }
  const state = await sendFetch(`${context.baseUrl}/__lb/state`, {});
  return { ...state, problems, notes: 'dropped once its unread events passed the limit' };
}

/** `max` readers are served; the next one gets a 503 while they are connected. */
async function subscriberCap(context: CaseContext): Promise<Reply> {
  const readers = await Promise.all(
    Array.from({ length: echoLimits.maxEventSubscribers }, () =>
      openSocket(context, eventsRequest(context)).then(async (socket) => {
        await new Promise((resolve) => socket.once('data', resolve));
        return socket;
      }),
    ),
  );
  try {
    return await sendRaw(context.port, eventsRequest(context));
  } finally {
    for (const reader of readers) reader.destroy();
  }
}

/** More connections than the cap: the extra ones are closed at once, the others kept. */
async function connectionCap(context: CaseContext): Promise<Reply> {
  const extra = 12;
  const sockets: net.Socket[] = [];
  const closedEarly = new Set<net.Socket>();
  try {
    for (let i = 0; i < echoLimits.maxConnections + extra; i += 1) {
      const socket = await openSocket(context);
      socket.on('close', () => closedEarly.add(socket));
      socket.on('error', () => socket.destroy());
      sockets.push(socket);
    }
    // Refused connections are closed as soon as they are accepted; the rest wait for their
    // headers timeout (1 s in the suite), so the count is read before that.
    await waitFor(
      async () => closedEarly.size >= extra,
      'the connections over the cap to be closed',
      900,
    ).catch(() => undefined);
    const refused = closedEarly.size;
    const problems =
      refused < extra
        ? [
            `only ${refused} of the ${echoLimits.maxConnections + extra} connections were refused; the cap is ${echoLimits.maxConnections}`,
          ]
        : [];
    for (const socket of sockets) socket.destroy();
    await waitFor(
      async () => sockets.every((socket) => socket.destroyed),
      'the sockets to close',
      2000,
    );
    // The balancer sees the closes a moment after the client does: ask until it answers.
    let after: Reply | undefined;
    await waitFor(
      async () => {
        after = await sendFetch(`${context.baseUrl}/me`, {});
        return after.status === 200;
      },
      'GET /me to be answered once the idle connections are gone',
      3000,
    ).catch(() => undefined);
    if (!after) throw new Error('GET /me was never sent');
    return { ...after, problems, notes: `${refused} connections refused over the cap` };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}

/** A body-less method carrying a chunked body that hides a second request: refused with 400. */
function smugglingOntoPooledConnection(method: 'DELETE' | 'OPTIONS'): HostileCase {
  return {
    kind: 'request smuggling onto a pooled connection',
    name: `${method} with a chunked body holding GET /__internal/sessions, then GET /me`,
    target: 'balancer',
    send: { via: 'steps', run: (context) => smuggleOntoPooledConnection(context, method) },
    expectedStatus: 400,
    checks: [bodyLacks('"sessions":[', 'a server’s session list')],
  };
}

/** The limits that keep one client from taking the balancer's memory, sockets or time. */
export const limitCases: HostileCase[] = [
  smugglingOntoPooledConnection('DELETE'),
  smugglingOntoPooledConnection('OPTIONS'),
  {
    kind: 'a header that switches the deadline off',
    name: 'GET /me with Expect: 100-continue to a server that never answers',
    target: 'silent',
    send: {
      via: 'raw',
      bytes: (c) =>
        `GET /me HTTP/1.1\r\nHost: ${c.host}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      giveUpMs: echoLimits.proxyTimeoutMs + 5000,
    },
    expectedStatus: 504,
    forwarded: 'pool',
    checks: [closedWithin(echoLimits.proxyTimeoutMs + 4000), counted('timeouts')],
  },
  {
    kind: 'a header that switches the deadline off',
    name: 'POST with Expect: 100-continue and its body to a server that never answers',
    target: 'silent',
    send: {
      via: 'raw',
      bytes: (c) =>
        `POST /cart HTTP/1.1\r\nHost: ${c.host}\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      giveUpMs: echoLimits.proxyTimeoutMs + 5000,
    },
    // The 100 Continue comes first; the reader judges the last status line.
    expectedStatus: 504,
    forwarded: 'pool',
    checks: [closedWithin(echoLimits.proxyTimeoutMs + 4000)],
  },
  {
    kind: 'slow request body',
    name: 'a body of 100 bytes sent one byte every 300 ms',
    target: 'echo',
    send: {
      via: 'raw',
      bytes: (c) => `POST /cart HTTP/1.1\r\nHost: ${c.host}\r\nContent-Length: 100\r\n\r\nx`,
      trickle: 'x',
      trickleEveryMs: 300,
      giveUpMs: echoLimits.requestTimeoutMs + 6000,
    },
    expectedStatus: 408,
    // Node checks its request timeout once a second: the limit plus that, plus slack.
    checks: [closedWithin(echoLimits.requestTimeoutMs + 4000)],
  },
  {
    kind: 'event stream limits',
    name: 'a reader of /__lb/events that never reads is dropped',
    target: 'echo',
    send: { via: 'steps', run: nonReadingSubscriber },
    expectedStatus: 200,
    forwarded: 'never',
    checks: [counted('event-readers-dropped')],
  },
  {
    kind: 'event stream limits',
    name: `reader number ${echoLimits.maxEventSubscribers + 1} of /__lb/events gets a 503`,
    target: 'echo',
    send: { via: 'steps', run: subscriberCap },
    expectedStatus: 503,
    forwarded: 'never',
  },
  {
    kind: 'connection limit',
    name: `${echoLimits.maxConnections + 12} idle connections at once: the cap holds, then GET /me works`,
    target: 'echo',
    send: { via: 'steps', run: connectionCap },
    expectedStatus: 200,
    checks: [counted('connections-refused')],
  },
];
