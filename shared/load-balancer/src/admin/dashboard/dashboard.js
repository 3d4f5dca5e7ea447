/* global document, window, EventSource, URLSearchParams */
// The lab dashboard. Reads /__lb/state (servers, controls, recent events), /__lb/events (one
// Server-Sent Event per request) and each server's /__internal pages through
// /__lb/servers/<id>/{sessions,stats}. Controls POST to /__lb/control/<action> with the token.
// Plain DOM, no framework, and text only through textContent: nothing a request carries is HTML.

const token = document.querySelector('meta[name="lab-token"]')?.getAttribute('content') ?? '';
const maxRows = 150;
const mixWindow = 60;
const statePollMs = 1000;
const serverViewPollMs = 2000;
const sessionsPerCard = 6;

/** Controls that act on one server: shown on its card. */
const serverActions = [
  { action: 'kill', label: 'Kill', title: 'kill -9: a crash, its memory is gone', danger: true },
  { action: 'pause', label: 'Pause', title: 'SIGSTOP: the process hangs, its port stays open' },
  { action: 'resume', label: 'Resume', title: 'SIGCONT: the paused process carries on' },
  { action: 'restart', label: 'Restart', title: 'start it again on the same port (empty memory)' },
];
const serverActionNames = new Set(serverActions.map((item) => item.action));

/** Fields of /__lb/state the page shows in its own places; any other field goes to the Lab panel. */
const stateFieldsShown = new Set([
  'strategy',
  'servers',
  'counters',
  'controls',
  'recentEvents',
  'chapter',
  'title',
  'tryThis',
  'simulation',
]);

/** Stats every server reports; anything else (replication, store) is listed under the card. */
const statsShown = new Set(['server', 'pid', 'heapUsedBytes', 'rssBytes', 'sessions', 'bytes']);

const $ = (id) => document.getElementById(id);

/** document.createElement with attributes and text or element children. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A stable colour per server: 1 → c0, 2 → c1, ...; other ids by a small hash. */
function colourClass(serverId) {
  if (serverId === null || serverId === undefined) return 'c7';
  const number = Number(serverId);
  if (Number.isInteger(number) && number > 0) return `c${(number - 1) % 7}`;
  let hash = 0;
  for (const char of String(serverId)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `c${hash % 7}`;
}

function formatBytes(bytes) {
  if (typeof bytes !== 'number') return String(bytes);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "replicationLagMs" → "replication lag ms". */
function words(key) {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
}

function formatValue(key, value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number' && /bytes$/i.test(key)) return formatBytes(value);
  if (typeof value === 'number' && /ms$/i.test(key)) return `${Math.round(value * 10) / 10} ms`;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((item) => formatValue('', item)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([inner, innerValue]) => `${words(inner)} ${formatValue(inner, innerValue)}`)
      .join(' ');
  if (typeof value === 'string') return value.replace(/^http:\/\//, '');
  return String(value);
}

/** Leaves of a nested object with their paths: { sent: { wireBytes: 9 } } → [["sent › wire bytes", 9]]. */
function leaves(object, prefix = '') {
  const pairs = [];
  for (const [key, value] of Object.entries(object ?? {})) {
    const label = prefix ? `${prefix} › ${words(key)}` : words(key);
    if (value && typeof value === 'object' && !Array.isArray(value))
      pairs.push(...leaves(value, label));
    else pairs.push([label, value, key]);
  }
  return pairs;
}

const clock = (date) => date.toLocaleTimeString([], { hour12: false });

const ms = (value) => `${Math.round(Number(value) * 10) / 10} ms`;

/**
 * Chapter 04's replication figures, the ones the lesson talks about: lag, bytes on the wire,
 * copies held. Every other figure is still listed under "all figures".
 */
function replicationHighlights(replication) {
  const pairs = [];
  const { mode, clusterMode, delayMs, lagMs, sent, received, copies, pending, rejected } =
    replication;
  if (mode)
    pairs.push([
      'replication',
      [mode, clusterMode, delayMs ? `delay ${delayMs} ms` : ''].filter(Boolean).join(' · '),
    ]);
  if (lagMs && typeof lagMs === 'object')
    pairs.push(['lag (ms)', `last ${lagMs.last} · mean ${lagMs.mean} · max ${lagMs.max}`]);
  else if (typeof lagMs === 'number') pairs.push(['lag', ms(lagMs)]);
  if (sent)
    pairs.push([
      'sent',
      `${sent.messages} message${sent.messages === 1 ? '' : 's'} · ${formatBytes(sent.wireBytes ?? 0)}`,
    ]);
  if (received)
    pairs.push([
      'received',
      `${received.applied ?? received.messages} applied · ${formatBytes(received.wireBytes ?? 0)}`,
    ]);
  if (copies && typeof copies === 'object')
    pairs.push([
      'copies held',
      `${copies.full} full${copies.locators ? ` + ${copies.locators} locators` : ''}`,
    ]);
  if (pending) pairs.push(['pending', String(pending)]);
  if (rejected?.total) pairs.push(['rejected', String(rejected.total)]);
  return pairs;
}

/** What a card lists under its numbers: a few figures in view, every figure one click away. */
function cardFigures(stats) {
  const shown = [
    ['session bytes', formatBytes(stats.bytes)],
    ['heap used', formatBytes(stats.heapUsedBytes)],
  ];
  const nested = [];
  for (const [key, value] of Object.entries(stats)) {
    if (statsShown.has(key)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      nested.push([key, value]);
      if (key === 'replication') shown.push(...replicationHighlights(value));
    } else shown.push([words(key), formatValue(key, value)]);
  }
  return { shown, nested };
}

/** <dt>/<dd> pairs: [label, text], or [label, raw value, key] formatted by its key. */
function factsList(pairs) {
  return pairs.flatMap(([label, value, key]) => {
    const text = key === undefined ? String(value) : formatValue(key, value);
    return [h('dt', { text: label }), h('dd', { text, title: text })];
  });
}

function toast(message, isError = false) {
  const item = h('div', { class: `toast${isError ? ' error' : ''}`, text: message });
  $('toasts').append(item);
  setTimeout(() => item.remove(), isError ? 7000 : 4000);
}

async function control(action, params = {}) {
  const response = await fetch(`/__lb/control/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lab-token': token },
    body: JSON.stringify(params),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body.result;
}

/** Runs a control from a button: the button waits, the result or the error shows as a toast. */
async function runControl(button, action, params, describe) {
  button.disabled = true;
  try {
    const result = await control(action, params);
    toast(describe ? describe(result) : `${action}: done`);
    refreshState();
  } catch (error) {
    toast(`${action} failed: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
}

// ---------------------------------------------------------------- server cards

const cards = new Map();
let controls = [];

function createCard(id) {
  const refs = {
    pill: h('span', { class: 'pill up', text: 'up' }),
    address: h('span', { class: 'card-address mono' }),
    note: h('p', { class: 'card-note' }),
    requests: h('b', { text: '0' }),
    sessionsCount: h('b', { text: '–' }),
    sessions: h('tbody'),
    more: h('p', { class: 'more' }),
    extra: h('dl', { class: 'facts' }),
    allFigures: h('div', { class: 'all-figures' }),
    actions: h('div', { class: 'card-actions' }),
    lastAction: '',
  };
  const element = h(
    'article',
    { class: `card ${colourClass(id)}`, 'data-server': id, 'data-health': 'up' },
    h(
      'div',
      { class: 'card-head' },
      h('span', { class: 'card-name', text: `Server ${id}` }),
      refs.pill,
    ),
    refs.address,
    refs.note,
    h(
      'div',
      { class: 'card-body' },
      h(
        'div',
        { class: 'numbers' },
        h('div', { class: 'number' }, refs.requests, h('span', { text: 'requests' })),
        h('div', { class: 'number' }, refs.sessionsCount, h('span', { text: 'sessions' })),
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
            h('th', { text: 'session' }),
            h('th', { text: 'user' }),
            h('th', { text: 'cart' }),
          ),
        ),
        refs.sessions,
      ),
      refs.more,
      refs.extra,
      refs.allFigures,
    ),
    refs.actions,
  );
  refs.element = element;
  refs.inside = { reachable: true };
  cards.set(id, refs);
  return refs;
}

function renderCardActions(id, refs) {
  refs.actions.replaceChildren(
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
            refs.lastAction = `${result?.state ?? item.action} at ${clock(new Date())}`;
            return `Server ${id}: ${result?.state ?? item.action}`;
          }),
        );
        return button;
      }),
  );
}

function updateCard(server) {
  const refs = cards.get(server.id) ?? createCard(server.id);
  if (!refs.element.isConnected) $('servers').append(refs.element);
  if (refs.controlsKey !== controls.join()) {
    refs.controlsKey = controls.join();
    renderCardActions(server.id, refs);
  }
  refs.requests.textContent = String(server.requests);
  refs.address.textContent = `${server.address.replace(/^http:\/\//, '')}${refs.pid ? ` · pid ${refs.pid}` : ''}`;
  // The balancer's view (health checks) first; then whether the server answers the dashboard.
  let health = server.health;
  let label = server.health;
  let note = '';
  if (server.health === 'down') note = 'out of the pool: health checks fail, it gets no requests';
  else if (!refs.inside.reachable) {
    health = 'stalled';
    // 502/504 come from the balancer (no connection, no answer in time); anything else the
    // server said itself, e.g. 503 while its session store is down (chapter 05).
    label = [502, 504].includes(refs.inside.status)
      ? 'not answering'
      : `failing (${refs.inside.status})`;
    note = refs.inside.message;
  }
  refs.element.dataset.health = health;
  refs.pill.className = `pill ${health}`;
  refs.pill.textContent = label;
  refs.note.textContent = [note, refs.lastAction].filter(Boolean).join(' · ');
}

async function fetchView(id, view) {
  const response = await fetch(`/__lb/servers/${encodeURIComponent(id)}/${view}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok)
    throw Object.assign(new Error(body.message ?? `HTTP ${response.status}`), {
      status: response.status,
    });
  return body;
}

/** One collapsed <details> per nested figure group; kept across refreshes so an open one stays open. */
function renderAllFigures(refs, nested) {
  refs.groups ??= new Map();
  for (const [key, value] of nested) {
    let group = refs.groups.get(key);
    if (!group) {
      group = { list: h('dl', { class: 'facts' }), summary: h('summary') };
      group.element = h('details', {}, group.summary, group.list);
      refs.groups.set(key, group);
      refs.allFigures.append(group.element);
    }
    const pairs = leaves(value);
    group.summary.textContent = `all ${words(key)} figures (${pairs.length})`;
    group.list.replaceChildren(...factsList(pairs));
  }
}

/** What one server holds, read through the balancer. */
async function refreshInside(id) {
  const refs = cards.get(id);
  if (!refs) return;
  try {
    const [sessions, stats] = await Promise.all([
      fetchView(id, 'sessions'),
      fetchView(id, 'stats'),
    ]);
    refs.inside = { reachable: true };
    refs.pid = stats.pid;
    refs.sessionsCount.textContent = String(sessions.total ?? sessions.sessions.length);
    // Yours first, then the newest (a store lists sessions in the order they were created).
    const yours = sessions.sessions.filter((session) => session.yours);
    const others = sessions.sessions.filter((session) => !session.yours);
    const newest = [
      ...yours,
      ...others.slice(Math.max(0, others.length - (sessionsPerCard - yours.length))).reverse(),
    ];
    refs.sessions.replaceChildren(
      ...(newest.length === 0
        ? [
            h(
              'tr',
              {},
              h('td', { class: 'none', colspan: '3', text: 'no sessions in this server' }),
            ),
          ]
        : newest.map((session) =>
            h(
              'tr',
              { class: session.yours ? 'yours' : undefined },
              h('td', { class: 'mono', text: session.id }),
              h(
                'td',
                { class: 'user' },
                session.userid ?? '(anonymous)',
                session.yours ? h('span', { class: 'you-badge', text: 'you' }) : undefined,
              ),
              h('td', { text: String(session.cartSize) }),
            ),
          )),
    );
    const older = (sessions.total ?? sessions.sessions.length) - newest.length;
    refs.more.textContent = older > 0 ? `and ${older} older` : '';
    const figures = cardFigures(stats);
    refs.extra.replaceChildren(...factsList(figures.shown));
    renderAllFigures(refs, figures.nested);
  } catch (error) {
    refs.inside = { reachable: false, message: error.message, status: error.status ?? 502 };
    // What it held a moment ago may be gone (kill -9): show nothing rather than stale rows.
    refs.sessionsCount.textContent = '–';
    refs.sessions.replaceChildren(
      h('tr', {}, h('td', { class: 'none', colspan: '3', text: error.message })),
    );
    refs.more.textContent = '';
    refs.extra.replaceChildren();
  }
}

async function pollServerViews() {
  await Promise.all([...cards.keys()].map(refreshInside));
  setTimeout(pollServerViews, serverViewPollMs);
}

// ---------------------------------------------------------------- lab controls

function simulateUsersControl() {
  const users = h('input', {
    type: 'number',
    min: '1',
    max: '20',
    value: '5',
    'aria-label': 'users',
  });
  const seconds = h('input', {
    type: 'number',
    min: '1',
    max: '120',
    value: '20',
    'aria-label': 'seconds',
  });
  const button = h('button', {
    type: 'button',
    class: 'primary',
    'data-action': 'simulate-users',
    disabled: !token,
    text: 'Simulate users',
  });
  button.addEventListener('click', () =>
    runControl(
      button,
      'simulate-users',
      { users: Number(users.value), seconds: Number(seconds.value) },
      (result) => `Simulating ${result.users} users for ${result.seconds} s`,
    ),
  );
  return h(
    'div',
    { class: 'control-group' },
    button,
    users,
    h('label', { text: 'users for' }),
    seconds,
    h('label', { text: 's' }),
  );
}

/** A control's answer as one sentence for the toast. */
function describeResult(label, result) {
  if (result && typeof result === 'object') {
    if (result.server && result.address) return `Server ${result.server} joined the pool`;
    if (result.state) return `${label}: ${result.state}`;
    return `${label}: ${leaves(result)
      .map(([key, value]) => `${key} ${formatValue(key, value)}`)
      .join(', ')}`;
  }
  return `${label}: ${result ?? 'done'}`;
}

function labControl(action) {
  if (action === 'simulate-users') return simulateUsersControl();
  // The control's own name in words ("stop-redis" → "Stop redis"), as the lessons name it.
  const label = words(action).replace(/^./, (c) => c.toUpperCase());
  const button = h('button', {
    type: 'button',
    'data-action': action,
    title: `POST /__lb/control/${action}`,
    disabled: !token,
    text: label,
  });
  button.addEventListener('click', () =>
    runControl(button, action, {}, (result) => describeResult(label, result)),
  );
  return button;
}

function renderControls() {
  const global = controls.filter((action) => !serverActionNames.has(action));
  // Simulate users first: it is what makes the page move.
  global.sort((a, b) => (b === 'simulate-users') - (a === 'simulate-users'));
  $('controls').replaceChildren(...global.map(labControl));
}

// ---------------------------------------------------------------- state

let lastControls = '';

function renderState(state) {
  document.title = `${state.title ?? 'Load balancer'} · dashboard`;
  $('lab-title').textContent = state.title ?? 'Load balancer';
  $('strategy').textContent = state.strategy;

  const counters = Object.entries(state.counters ?? {});
  $('counters').replaceChildren(
    ...counters.map(([name, value]) =>
      h('span', { class: 'counter' }, `${words(name)} `, h('b', { text: String(value) })),
    ),
  );

  controls = state.controls ?? [];
  if (controls.join() !== lastControls) {
    lastControls = controls.join();
    renderControls();
  }
  $('no-token').hidden = Boolean(token);

  const ids = new Set(state.servers.map((server) => server.id));
  for (const [id, refs] of cards) {
    if (ids.has(id)) continue;
    refs.element.remove();
    cards.delete(id);
  }
  for (const server of state.servers) {
    const isNew = !cards.has(server.id);
    updateCard(server);
    if (isNew) refreshInside(server.id).then(() => updateCard(server));
  }

  const simulation = state.simulation;
  $('simulation').hidden = !simulation?.running;
  if (simulation?.running) {
    const left = Math.max(0, Math.round((Date.parse(simulation.endsAt) - Date.now()) / 1000));
    $('simulation').textContent =
      `● ${simulation.users} simulated users are browsing · ${left} s left · ${simulation.requests} requests so far`;
  }

  const facts = Object.entries(state).filter(([key]) => !stateFieldsShown.has(key));
  $('lab-facts-panel').hidden = facts.length === 0;
  $('lab-facts').replaceChildren(...factsList(leaves(Object.fromEntries(facts))));

  const tryThis = state.tryThis ?? [];
  $('try-panel').hidden = tryThis.length === 0;
  if ($('try-this').dataset.rendered !== tryThis.join('\n')) {
    $('try-this').dataset.rendered = tryThis.join('\n');
    $('try-this').replaceChildren(
      ...tryThis.map((line) => h('li', { text: line.replaceAll('{url}', window.location.origin) })),
    );
  }

  for (const event of state.recentEvents ?? []) addEvent(event, false);
}

async function refreshState() {
  try {
    const response = await fetch('/__lb/state');
    renderState(await response.json());
  } catch {
    setLive('lost', 'balancer not reachable');
  }
}

async function pollState() {
  await refreshState();
  setTimeout(pollState, statePollMs);
}

// ---------------------------------------------------------------- requests

const seen = new Set();
const recentServers = [];

/** What each reason means, on hover: the lesson in one line. */
const reasonHelp = {
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

function reasonKind(reason) {
  if (['sticky', 'new-sticky'].includes(reason)) return 'sticky';
  if (['redispatch', 'sticky-server-down', 'invalid-sticky-cookie'].includes(reason))
    return 'moved';
  if (['no-server', 'server-error', 'timeout', 'rejected'].includes(reason)) return 'failed';
  return 'plain';
}

function requestRow(event, fresh) {
  const isYou = event.client === 'you';
  return h(
    'li',
    {
      class: `${colourClass(event.server)}${isYou ? ' you' : ''}${fresh ? ' fresh' : ''}`,
      'data-id': String(event.id),
      'data-server': event.server ?? '',
      'data-client': event.client,
    },
    h('span', {
      class: 'time',
      text: clock(new Date(event.time)),
    }),
    h(
      'span',
      { class: 'client' },
      isYou ? h('span', { class: 'you-badge', text: 'you' }) : event.client,
    ),
    h(
      'span',
      { class: 'target mono', title: `${event.method} ${event.path}` },
      h('span', { class: 'method', text: event.method }),
      event.path,
    ),
    h('span', {
      class: `server-chip${event.server ? '' : ' none'}`,
      text: event.server ? `server ${event.server}` : 'none',
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

/** Adds one event in id order (the stream and the state poll may both deliver it). */
function addEvent(event, live) {
  if (seen.has(event.id)) return;
  seen.add(event.id);
  const list = $('requests');
  const row = requestRow(event, live);
  const newer = [...list.children].find((child) => Number(child.dataset.id) < event.id);
  list.insertBefore(row, newer ?? null);
  while (list.children.length > maxRows) list.lastElementChild.remove();
  // Ids only grow: forgetting the oldest ones keeps the set small without showing them twice.
  if (seen.size > 2000) for (const id of [...seen].slice(0, 1000)) seen.delete(id);
  $('requests-empty').hidden = true;

  if (event.server) {
    recentServers.push(event.server);
    if (recentServers.length > mixWindow) recentServers.shift();
    renderMix();
  }
  if (live && event.server) {
    const card = cards.get(event.server)?.element;
    if (card) {
      card.classList.remove('hit');
      void card.offsetWidth; // restart the animation
      card.classList.add('hit');
    }
  }
}

function renderMix() {
  const counts = new Map();
  for (const server of recentServers) counts.set(server, (counts.get(server) ?? 0) + 1);
  const ids = [...counts.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  $('mix-bar').replaceChildren(
    ...ids.map((id) => {
      const part = h('span', { class: colourClass(id), title: `server ${id}` });
      part.style.flexGrow = String(counts.get(id));
      return part;
    }),
  );
  $('mix-legend').replaceChildren(
    h('span', { text: `last ${recentServers.length} requests:` }),
    ...ids.map((id) =>
      h(
        'span',
        { class: colourClass(id) },
        h('b', { text: `server ${id}` }),
        ` ${Math.round((100 * counts.get(id)) / recentServers.length)}%`,
      ),
    ),
  );
}

function setLive(state, text) {
  $('live').dataset.state = state;
  $('live').textContent = text;
}

function connectEvents() {
  const stream = new EventSource('/__lb/events');
  stream.addEventListener('open', () => setLive('live', 'live'));
  stream.addEventListener('error', () => setLive('lost', 'reconnecting…'));
  stream.addEventListener('message', (message) => {
    try {
      addEvent(JSON.parse(message.data), true);
    } catch {
      // A malformed line is skipped; the next state poll fills any gap.
    }
  });
}

$('only-you').addEventListener('change', (change) =>
  $('requests').classList.toggle('only-you', change.target.checked),
);
if (new URLSearchParams(window.location.search).has('mine')) {
  $('only-you').checked = true;
  $('requests').classList.add('only-you');
}

pollState();
pollServerViews();
connectEvents();
