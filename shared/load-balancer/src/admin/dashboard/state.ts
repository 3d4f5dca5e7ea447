// /__lb/state, read every second: the header, the cards, the panels.
import { factsList } from './card-figures.js';
import { byId, h } from './dom.js';
import { leaves, words } from './format.js';
import { token } from './lab-api.js';
import { renderControls } from './lab-controls.js';
import { networkControlNames, renderNetwork } from './network-panel.js';
import { balancerAnswered } from './live-badge.js';
import { addEvent } from './requests.js';
import {
  hasCard,
  keepCards,
  refreshInside,
  serverActionNames,
  updateCard,
} from './server-cards.js';
import type { LabState } from './types.js';
import { text } from './page-text.js';

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
  'network',
  'appUrl',
]);

/** Controls with a place of their own (cards, network map): never a lab-wide button. */
const drawnElsewhere = new Set([...serverActionNames, ...networkControlNames]);

let lastControls: string | undefined;

function renderHeader(state: LabState): void {
  document.title = `${state.title ?? text.loadBalancer} · ${text.dashboard}`;
  byId('lab-title').textContent = state.title ?? text.loadBalancer;
  byId('strategy').textContent = state.strategy;
  byId('counters').replaceChildren(
    ...Object.entries(state.counters ?? {}).map(([name, value]) =>
      h('span', { class: 'counter' }, `${words(name)} `, h('b', { text: String(value) })),
    ),
  );
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-app-link]'))
    link.href = appOrigin(state) ?? '/';
  byId('requests-elsewhere').hidden = !state.appUrl;
}

/**
 * Another balancer in front (HAProxy, nginx): the app answers on its port, not this one. The
 * same host name as this page's (localhost, say), so the app's cookies are the ones you see.
 */
function appOrigin(state: LabState): string | undefined {
  if (!state.appUrl) return undefined;
  const app = new URL(state.appUrl);
  app.hostname = window.location.hostname;
  return app.origin;
}

function renderCards(state: LabState, controls: readonly string[]): void {
  keepCards(new Set(state.servers.map((server) => server.id)));
  for (const server of state.servers) {
    const isNew = !hasCard(server.id);
    updateCard(server, controls);
    if (isNew) void refreshInside(server.id).then(() => updateCard(server, controls));
  }
}

function renderSimulation(state: LabState): void {
  const simulation = state.simulation;
  const line = byId('simulation');
  line.hidden = !simulation?.running;
  if (simulation?.running) {
    const left = Math.max(0, Math.round((Date.parse(simulation.endsAt) - Date.now()) / 1000));
    line.textContent = `● ${simulation.users} simulated users are browsing · ${left} s left · ${simulation.requests} requests so far`;
  }
}

function renderLabPanels(state: LabState): void {
  const facts = Object.entries(state).filter(([key]) => !stateFieldsShown.has(key));
  byId('lab-facts-panel').hidden = facts.length === 0;
  byId('lab-facts').replaceChildren(...factsList(leaves(Object.fromEntries(facts))));

  const tryThis = state.tryThis ?? [];
  byId('try-panel').hidden = tryThis.length === 0;
  const list = byId('try-this');
  const origin = appOrigin(state) ?? window.location.origin;
  if (list.dataset.rendered !== tryThis.join('\n')) {
    list.dataset.rendered = tryThis.join('\n');
    list.replaceChildren(
      ...tryThis.map((line) => h('li', { text: line.replaceAll('{url}', origin) })),
    );
  }
}

function renderState(state: LabState): void {
  renderHeader(state);
  const controls = state.controls ?? [];
  if (controls.join() !== lastControls) {
    lastControls = controls.join();
    renderControls(controls, drawnElsewhere);
  }
  byId('no-token').hidden = Boolean(token);
  renderCards(state, controls);
  renderSimulation(state);
  renderNetwork(state.network, controls);
  renderLabPanels(state);
  for (const event of state.recentEvents ?? []) addEvent(event, false);
}

/** The balancer's state, or undefined when it did not answer with it. */
async function readState(): Promise<LabState | undefined> {
  try {
    const response = await fetch('/__lb/state');
    return response.ok ? ((await response.json()) as LabState) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the state and draws it. A drawing error is the page's own bug: it is thrown, not hidden. */
export async function refreshState(): Promise<void> {
  const state = await readState();
  balancerAnswered(state !== undefined);
  if (state) renderState(state);
}

/** Reads the state now and then, for as long as the page is open. */
export async function pollState(everyMs: number): Promise<void> {
  try {
    await refreshState();
  } finally {
    setTimeout(() => void pollState(everyMs), everyMs);
  }
}
