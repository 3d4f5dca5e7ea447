// The request list (newest first, coloured by server) and the mix bar above it.
import { byId, h } from './dom.js';
import { clock, colourClass } from './format.js';
import { flashCard } from './server-cards.js';
import type { RequestEvent } from './types.js';
import { text } from './page-text.js';

const maxRows = 150;
const mixWindow = 60;

const seen = new Set<number>();
const recentServers: string[] = [];

/** What each reason means, on hover: the lesson in one line. */
const reasonHelp: Record<string, string> = {
  'round-robin': 'the next server in turn, whatever the request carries',
  'least-connections': 'the server with the fewest requests in flight',
  sticky: 'the sticky cookie named this server',
  'new-sticky': 'no sticky cookie yet: the balancer chose a server, the cookie will keep you there',
  'sticky-server-down': 'the sticky cookie named a server that is down: moved to another one',
  'invalid-sticky-cookie': 'the sticky cookie named no server of the pool: chosen afresh',
  redispatch: 'the first server refused the connection: retried once on another',
  'no-server': 'every server is down: the balancer answered 502 itself',
  'server-error': 'the server failed while answering',
  timeout: 'the server did not answer in time: 504',
  rejected: 'refused by the balancer itself (not a request it forwards)',
};

function reasonKind(reason: string): string {
  if (['sticky', 'new-sticky'].includes(reason)) return 'sticky';
  if (['redispatch', 'sticky-server-down', 'invalid-sticky-cookie'].includes(reason))
    return 'moved';
  if (['no-server', 'server-error', 'timeout', 'rejected'].includes(reason)) return 'failed';
  return 'plain';
}

function requestRow(event: RequestEvent, fresh: boolean): HTMLLIElement {
  const isYou = event.client === 'you';
  return h(
    'li',
    {
      class: `${colourClass(event.server)}${isYou ? ' you' : ''}${fresh ? ' fresh' : ''}`,
      'data-id': String(event.id),
      'data-server': event.server ?? '',
      'data-client': event.client,
    },
    h('span', { class: 'time', text: clock(new Date(event.time)) }),
    h(
      'span',
      { class: 'client' },
      isYou ? h('span', { class: 'you-badge', text: text.you }) : event.client,
    ),
    h(
      'span',
      { class: 'target mono', title: `${event.method} ${event.path}` },
      h('span', { class: 'method', text: event.method }),
      event.path,
    ),
    h('span', {
      class: `server-chip${event.server ? '' : ' none'}`,
      text: event.server ? text.serverChip(event.server) : text.noServer,
    }),
    h('span', {
      class: 'reason',
      'data-kind': reasonKind(event.reason),
      title: Object.hasOwn(reasonHelp, event.reason) ? reasonHelp[event.reason] : undefined,
      text: event.reason,
    }),
    h('span', {
      class: 'status',
      'data-class': String(event.status).charAt(0),
      text: String(event.status),
    }),
    h('span', { class: 'ms', text: String(event.ms) }),
  );
}

function renderMix(): void {
  const counts = new Map<string, number>();
  for (const server of recentServers) counts.set(server, (counts.get(server) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  byId('mix-bar').replaceChildren(
    ...ids.map((id) => {
      const part = h('span', { class: colourClass(id), title: text.serverChip(id) });
      part.style.flexGrow = String(counts.get(id));
      return part;
    }),
  );
  byId('mix-legend').replaceChildren(
    h('span', { text: text.lastRequests(recentServers.length) }),
    ...ids.map((id) =>
      h(
        'span',
        { class: colourClass(id) },
        h('b', { text: text.serverChip(id) }),
        ` ${Math.round((100 * (counts.get(id) ?? 0)) / recentServers.length)}%`,
      ),
    ),
  );
}

/** Adds one event in id order (the stream and the state poll may both deliver it). */
export function addEvent(event: RequestEvent, live: boolean): void {
  if (seen.has(event.id)) return;
  seen.add(event.id);
  const list = byId<HTMLOListElement>('requests');
  const row = requestRow(event, live);
  const newer = [...list.children].find(
    (child) => Number((child as HTMLElement).dataset.id) < event.id,
  );
  list.insertBefore(row, newer ?? null);
  while (list.children.length > maxRows) list.lastElementChild?.remove();
  // Ids only grow: forgetting the oldest ones keeps the set small without showing them twice.
  if (seen.size > 2000) for (const id of [...seen].slice(0, 1000)) seen.delete(id);
  byId('requests-empty').hidden = true;

  if (event.server) {
    recentServers.push(event.server);
    if (recentServers.length > mixWindow) recentServers.shift();
    renderMix();
    if (live) flashCard(event.server);
  }
}

/** The "only mine" switch: hides other clients' rows; ?mine in the address turns it on. */
export function wireOnlyMine(): void {
  const toggle = byId<HTMLInputElement>('only-you');
  const list = byId('requests');
  toggle.addEventListener('change', () => list.classList.toggle('only-you', toggle.checked));
  if (new URLSearchParams(window.location.search).has('mine')) {
    toggle.checked = true;
    list.classList.add('only-you');
  }
}
