// One card per server of the pool: its health as the balancer sees it, its requests, and what
// it holds (sessions, figures) read through /__lb/servers/<id>/{sessions,stats}.
import { cardFigures, factsList } from './card-figures.js';
import { byId, h } from './dom.js';
import { clock, colourClass, leaves, words } from './format.js';
import { readJson, runControl, token } from './lab-api.js';
import type { ServerSummary, SessionRow, SessionsView, StatsView } from './types.js';
import { text } from './page-text.js';

const sessionsPerCard = 6;

/** Controls that act on one server: shown on its card. */
const serverActions = [
  { action: 'kill', label: text.kill, title: text.killTitle, danger: true },
  { action: 'pause', label: text.pause, title: text.pauseTitle },
  { action: 'resume', label: text.resume, title: text.resumeTitle },
  { action: 'restart', label: text.restart, title: text.restartTitle },
];
export const serverActionNames = new Set(serverActions.map((item) => item.action));

/** Whether the server answered the dashboard's last look inside it. */
type Inside = { reachable: true } | { reachable: false; message: string; status: number };

interface FigureGroup {
  element: HTMLDetailsElement;
  summary: HTMLElement;
  list: HTMLDListElement;
}

interface Card {
  element: HTMLElement;
  pill: HTMLSpanElement;
  address: HTMLSpanElement;
  note: HTMLParagraphElement;
  requests: HTMLElement;
  sessionsCount: HTMLElement;
  sessions: HTMLTableSectionElement;
  more: HTMLParagraphElement;
  extra: HTMLDListElement;
  allFigures: HTMLDivElement;
  actions: HTMLDivElement;
  groups: Map<string, FigureGroup>;
  lastAction: string;
  controlsKey?: string;
  pid?: number;
  inside: Inside;
}

const cards = new Map<string, Card>();

function createCard(id: string): Card {
  const pill = h('span', { class: 'pill up', text: 'up' });
  const address = h('span', { class: 'card-address mono' });
  const note = h('p', { class: 'card-note' });
  const requests = h('b', { text: '0' });
  const sessionsCount = h('b', { text: '–' });
  const sessions = h('tbody');
  const more = h('p', { class: 'more' });
  const extra = h('dl', { class: 'facts' });
  const allFigures = h('div', { class: 'all-figures' });
  const actions = h('div', { class: 'card-actions' });
  const element = h(
    'article',
    { class: `card ${colourClass(id)}`, 'data-server': id, 'data-health': 'up' },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'card-name', text: text.serverName(id) }),
      pill,
    ),
    address,
    note,
    h(
      'div',
      { class: 'card-body' },
      h(
        'div',
        { class: 'numbers' },
        h('div', { class: 'number' }, requests, h('span', { text: text.cardRequests })),
        h('div', { class: 'number' }, sessionsCount, h('span', { text: text.cardSessions })),
      ),
      h(
        'table',
        { class: 'sessions', 'aria-label': `sessions held by server ${id}` },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { text: text.columnSession }),
            h('th', { text: text.columnUser }),
            h('th', { text: text.columnCart }),
          ),
        ),
        sessions,
      ),
      more,
      extra,
      allFigures,
    ),
    actions,
  );
  const card: Card = {
    element,
    pill,
    address,
    note,
    requests,
    sessionsCount,
    sessions,
    more,
    extra,
    allFigures,
    actions,
    groups: new Map(),
    lastAction: '',
    inside: { reachable: true },
  };
  cards.set(id, card);
  return card;
}

function renderCardActions(id: string, card: Card, controls: readonly string[]): void {
  card.actions.replaceChildren(
    ...serverActions
      .filter((item) => controls.includes(item.action))
      .map((item) => {
        const button = h('button', {
          type: 'button',
          class: item.danger ? 'danger' : '',
          title: item.title,
          'data-action': item.action,
          disabled: !token,
          text: item.label,
        });
        button.addEventListener('click', () =>
          runControl(button, item.action, { server: id }, (result) => {
            const state = (result as { state?: string } | undefined)?.state ?? item.action;
            card.lastAction = `${state} at ${clock(new Date())}`;
            return `${text.serverName(id)}: ${state}`;
          }),
        );
        return button;
      }),
  );
}

/** Draws (or updates) the card of one server from the balancer's state. */
export function updateCard(server: ServerSummary, controls: readonly string[]): void {
  const card = cards.get(server.id) ?? createCard(server.id);
  if (!card.element.isConnected) byId('servers').append(card.element);
  if (card.controlsKey !== controls.join()) {
    card.controlsKey = controls.join();
    renderCardActions(server.id, card, controls);
  }
  card.requests.textContent = server.requests === undefined ? '–' : String(server.requests);
  card.address.textContent = [
    server.address.replace(/^http:\/\//, ''),
    card.pid ? `pid ${card.pid}` : '',
    server.currentSessions !== undefined ? `${server.currentSessions} open` : '',
    server.source ?? '',
  ]
    .filter(Boolean)
    .join(' · ');
  // The balancer's view (health checks) first; then whether the server answers the dashboard.
  let health = server.health;
  let label = server.health;
  let note = '';
  if (server.health !== 'up') note = text.outOfPool;
  else if (!card.inside.reachable) {
    health = 'stalled';
    // 502/504 come from the balancer (no connection, no answer in time); anything else the
    // server said itself, e.g. 503 while its session store is down (chapter 05).
    label = [502, 504].includes(card.inside.status)
      ? text.notAnswering
      : text.failing(card.inside.status);
    note = card.inside.message;
  }
  card.element.dataset.health = health === 'up' || health === 'stalled' ? health : 'down';
  card.pill.className = `pill ${card.element.dataset.health}`;
  card.pill.textContent = label;
  card.note.textContent = [note, card.lastAction].filter(Boolean).join(' · ');
}

/** Removes the cards of servers no longer in the pool. */
export function keepCards(ids: ReadonlySet<string>): void {
  for (const [id, card] of cards) {
    if (ids.has(id)) continue;
    card.element.remove();
    cards.delete(id);
  }
}

export const hasCard = (id: string): boolean => cards.has(id);

/** Replays the card's "hit" animation: a request just went to this server. */
export function flashCard(id: string): void {
  const element = cards.get(id)?.element;
  if (!element) return;
  element.classList.remove('hit');
  void element.offsetWidth; // restart the animation
  element.classList.add('hit');
}

/** One collapsed <details> per nested figure group; kept across refreshes so an open one stays open. */
function renderAllFigures(card: Card, nested: Array<[string, object]>): void {
  for (const [key, value] of nested) {
    let group = card.groups.get(key);
    if (!group) {
      const list = h('dl', { class: 'facts' });
      const summary = h('summary');
      group = { list, summary, element: h('details', {}, summary, list) };
      card.groups.set(key, group);
      card.allFigures.append(group.element);
    }
    const pairs = leaves(value);
    group.summary.textContent = `all ${words(key)} figures (${pairs.length})`;
    group.list.replaceChildren(...factsList(pairs));
  }
}

function sessionRows(sessions: SessionRow[]): HTMLTableRowElement[] {
  if (sessions.length === 0)
    return [h('tr', {}, h('td', { class: 'none', colspan: '3', text: text.noSessions }))];
  return sessions.map((session) =>
    h(
      'tr',
      { class: session.yours ? 'yours' : undefined },
      h('td', { class: 'mono', text: session.id }),
      h(
        'td',
        { class: 'user' },
        session.userid ?? text.anonymous,
        session.yours ? h('span', { class: 'you-badge', text: text.you }) : undefined,
      ),
      h('td', { text: String(session.cartSize) }),
    ),
  );
}

/** What one server holds, read through the balancer. */
export async function refreshInside(id: string): Promise<void> {
  const card = cards.get(id);
  if (!card) return;
  const view = `/__lb/servers/${encodeURIComponent(id)}`;
  try {
    const [sessions, stats] = await Promise.all([
      readJson<SessionsView>(`${view}/sessions`),
      readJson<StatsView>(`${view}/stats`),
    ]);
    card.inside = { reachable: true };
    card.pid = stats.pid;
    const total = sessions.total ?? sessions.sessions.length;
    card.sessionsCount.textContent = String(total);
    // Yours first, then the newest (a store lists sessions in the order they were created).
    const yours = sessions.sessions.filter((session) => session.yours);
    const others = sessions.sessions.filter((session) => !session.yours);
    const newest = [
      ...yours,
      ...others.slice(Math.max(0, others.length - (sessionsPerCard - yours.length))).reverse(),
    ];
    card.sessions.replaceChildren(...sessionRows(newest));
    const older = total - newest.length;
    card.more.textContent = older > 0 ? text.olderSessions(older) : '';
    const figures = cardFigures(stats);
    card.extra.replaceChildren(...factsList(figures.shown));
    renderAllFigures(card, figures.nested);
  } catch (error) {
    const { message, status } = error as Error & { status?: number };
    card.inside = { reachable: false, message, status: status ?? 502 };
    // What it held a moment ago may be gone (kill -9): show nothing rather than stale rows.
    card.sessionsCount.textContent = '–';
    card.sessions.replaceChildren(
      h('tr', {}, h('td', { class: 'none', colspan: '3', text: message })),
    );
    card.more.textContent = '';
    card.extra.replaceChildren();
  }
}

/** Looks inside every server now and then, for as long as the page is open. */
export async function pollServerViews(everyMs: number): Promise<void> {
  await Promise.all([...cards.keys()].map(refreshInside));
  setTimeout(() => void pollServerViews(everyMs), everyMs);
}
