/* global document, prompt, FormData */
// The lab's network, drawn: hosts on a circle, a line per link (red and dashed when cut,
// amber with its percentage when lossy). Click a link to cut or heal it; shift-click to set
// its loss. Shown only when /__lb/state has a `network` (a lab started with --network hosts).
const token = document.querySelector('meta[name="lab-token"]')?.getAttribute('content') ?? '';
const svgNs = 'http://www.w3.org/2000/svg';
const panel = document.getElementById('network-panel');
const map = document.getElementById('network-map');
const status = document.getElementById('network-status');

function svg(tag, attributes, text) {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

async function control(action, params) {
  const response = await fetch(`/__lb/control/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-lab-token': token },
    body: JSON.stringify(params),
  });
  const body = await response.json().catch(() => ({}));
  status.textContent = response.ok
    ? Object.values(body.result ?? {}).join(' ')
    : `${action} failed: ${body.message ?? response.status}`;
  await refresh();
}

function positions(hosts) {
  const [cx, cy, r] = [200, 150, 110];
  return new Map(
    hosts.map((host, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / hosts.length;
      return [host.name, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) }];
    }),
  );
}

function draw(network) {
  const at = positions(network.hosts);
  const children = [];
  for (const link of network.links) {
    const [a, b] = link.between.map((name) => at.get(name));
    const state = link.cut ? 'cut' : link.lossPercent > 0 ? 'lossy' : 'up';
    const line = svg('line', {
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      stroke: { cut: '#c62828', lossy: '#ef8f00', up: '#7a8ba0' }[state],
      'stroke-width': 4,
      'stroke-dasharray': link.cut ? '6 6' : 'none',
      class: 'network-link',
      tabindex: token ? 0 : -1,
    });
    line.append(
      svg(
        'title',
        {},
        `${link.between.join(' - ')}: ${state}${link.lossPercent ? ` ${link.lossPercent} %` : ''}`,
      ),
    );
    if (token)
      line.addEventListener('click', (event) => {
        const [first, second] = link.between;
        if (event.shiftKey) {
          const percent = Number(prompt(`Loss between ${first} and ${second}, in % (0-100)`, '20'));
          if (Number.isInteger(percent))
            void control('link-loss', { a: first, b: second, percent });
        } else void control(link.cut ? 'heal-link' : 'cut-link', { a: first, b: second });
      });
    children.push(line);
    if (link.lossPercent > 0)
      children.push(
        svg(
          'text',
          {
            x: (a.x + b.x) / 2,
            y: (a.y + b.y) / 2 - 4,
            'text-anchor': 'middle',
            'font-size': 11,
            fill: '#ffb74d',
          },
          `${link.lossPercent} %`,
        ),
      );
  }
  for (const host of network.hosts) {
    const { x, y } = at.get(host.name);
    children.push(
      svg('circle', {
        cx: x,
        cy: y,
        r: 22,
        fill: host.namespace ? '#1c2736' : '#3a2f12',
        stroke: '#8fb3ff',
      }),
      svg(
        'text',
        { x, y: y + 4, 'text-anchor': 'middle', 'font-size': 12, fill: '#e6edf3' },
        host.name,
      ),
      svg(
        'text',
        { x, y: y + 36, 'text-anchor': 'middle', 'font-size': 10, fill: '#9aa7b4' },
        host.address,
      ),
    );
  }
  map.replaceChildren(...children);
}

async function refresh() {
  const response = await fetch('/__lb/state').catch(() => undefined);
  if (!response?.ok) return;
  const { network } = await response.json();
  panel.hidden = !network;
  if (network) draw(network);
}

document.getElementById('network-isolate')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const group = new FormData(event.target).get('group');
  void control('isolate', { group });
});
document
  .getElementById('network-heal-all')
  ?.addEventListener('click', () => void control('heal-all', {}));
if (!token) for (const input of panel.querySelectorAll('input, button')) input.disabled = true;

void refresh();
setInterval(refresh, 2000);
