// The Network panel, shown when /__lb/state has a `network` (a lab started with --network
// hosts): the map, the selected link's controls (cut or heal, loss, delay), isolate and heal all.
import { byId, h } from './dom.js';
import { control, token } from './lab-api.js';
import { delayText, linkDescription, linkKey } from './link-view.js';
import { drawNetwork } from './network-map.js';
import type { NetworkLink, NetworkState } from './types.js';
import { text } from './page-text.js';

/** Controls this panel draws itself; the Lab panel leaves them out. */
export const networkControlNames = new Set([
  'cut-link',
  'heal-link',
  'isolate',
  'heal-all',
  'link-loss',
  'link-delay',
]);

let selected: string | undefined;
let lastDrawing: string | undefined;
let latest: { network: NetworkState; controls: readonly string[] } | undefined;
/** The selected link's controls, built once per selection so typing survives the refreshes. */
let linkControls: { key: string; update(link: NetworkLink): void } | undefined;

async function act(action: string, params: object): Promise<void> {
  const status = byId('network-status');
  try {
    const result = await control(action, params);
    status.textContent = Object.values(result ?? {}).join(' ');
  } catch (error) {
    status.textContent = text.failed(action, (error as Error).message);
  }
}

function numberInput(label: string, value: number, max: number): HTMLInputElement {
  return h('input', {
    type: 'number',
    min: '0',
    max: String(max),
    step: '1',
    value: String(value),
    'aria-label': label,
    disabled: !token,
  });
}

function button(action: string, text: string): HTMLButtonElement {
  return h('button', { type: 'button', 'data-action': action, disabled: !token, text });
}

/** Cut or heal, loss, and delay (when the lab offers `link-delay`) for one link. */
function buildLinkControls(link: NetworkLink, controls: readonly string[]): HTMLElement {
  const [a, b] = link.between;
  const title = h('p', { class: 'network-link-title', 'aria-live': 'polite' });
  const cut = button('cut-link', text.cut);
  cut.addEventListener('click', () => {
    const current = latest?.network.links.find((item) => linkKey(item) === linkKey(link));
    void act(current?.cut ? 'heal-link' : 'cut-link', { a, b });
  });

  const loss = numberInput(text.lossPercent, link.lossPercent, 100);
  const setLoss = button('link-loss', text.setLoss);
  setLoss.addEventListener('click', () => act('link-loss', { a, b, percent: Number(loss.value) }));
  const rows: HTMLElement[] = [
    title,
    h('div', { class: 'controls' }, cut),
    h('div', { class: 'control-group' }, loss, h('label', { text: text.percentLoss }), setLoss),
  ];

  if (controls.includes('link-delay')) {
    const delay = numberInput(text.delayMs, link.delayMs ?? 0, 10_000);
    const jitter = numberInput(text.jitterMs, link.jitterMs ?? 0, 10_000);
    const setDelay = button('link-delay', text.setDelay);
    setDelay.addEventListener('click', () =>
      act('link-delay', { a, b, ms: Number(delay.value), jitterMs: Number(jitter.value) }),
    );
    rows.push(
      h(
        'div',
        { class: 'control-group' },
        delay,
        h('label', { text: 'ms ±' }),
        jitter,
        h('label', { text: text.msDelayEachWay }),
        setDelay,
      ),
    );
  }

  linkControls = {
    key: linkKey(link),
    update(current) {
      title.textContent = linkDescription(current);
      title.dataset.delay = delayText(current) ?? '';
      cut.dataset.action = current.cut ? 'heal-link' : 'cut-link';
      cut.textContent = current.cut ? text.heal : text.cut;
    },
  };
  linkControls.update(link);
  return h('div', { class: 'network-link-controls', 'data-link': linkKey(link) }, ...rows);
}

function renderSelectedLink(network: NetworkState, controls: readonly string[]): void {
  const holder = byId('network-link');
  const link = network.links.find((item) => linkKey(item) === selected);
  if (!link) {
    linkControls = undefined;
    holder.replaceChildren(h('p', { class: 'hint', text: text.clickALink }));
    return;
  }
  if (linkControls?.key !== selected) holder.replaceChildren(buildLinkControls(link, controls));
  linkControls?.update(link);
}

function pick(key: string): void {
  selected = selected === key ? undefined : key;
  linkControls = undefined;
  if (latest) renderNetwork(latest.network, latest.controls);
}

/** Shows or hides the panel and draws it from the latest state. */
export function renderNetwork(
  network: NetworkState | undefined,
  controls: readonly string[],
): void {
  const panel = byId('network-panel');
  panel.hidden = !network;
  if (!network) return;
  latest = { network, controls };
  // Redrawn only when something changed, so a link being clicked or hovered stays in place.
  const drawing = JSON.stringify([network, selected]);
  if (drawing !== lastDrawing) {
    lastDrawing = drawing;
    drawNetwork(byId<SVGSVGElement>('network-map'), network, selected, pick);
  }
  renderSelectedLink(network, controls);
}

/** The panel's fixed controls: isolate a group of hosts, heal everything. */
export function wireNetworkPanel(): void {
  byId<HTMLFormElement>('network-isolate').addEventListener('submit', (event) => {
    event.preventDefault();
    const group = new FormData(event.target as HTMLFormElement).get('group');
    void act('isolate', { group });
  });
  byId('network-heal-all').addEventListener('click', () => void act('heal-all', {}));
  if (!token)
    for (const input of byId('network-panel').querySelectorAll<HTMLInputElement>('input, button'))
      input.disabled = true;
}
