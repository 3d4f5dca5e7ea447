// The lab's network drawn as SVG: hosts on a circle, a line per link (red and dashed when cut,
// amber when lossy, violet when delayed, with its loss and delay beside it).
import { svg } from './dom.js';
import { linkBadge, linkColours, linkCondition, linkDescription, linkKey } from './link-view.js';
import type { NetworkHost, NetworkState } from './types.js';

interface Point {
  x: number;
  y: number;
}

function positions(hosts: NetworkHost[]): Map<string, Point> {
  const [cx, cy, r] = [200, 150, 110];
  return new Map(
    hosts.map((host, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / hosts.length;
      return [host.name, { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) }];
    }),
  );
}

/** Draws the map; `onPick` gets the key of a link the learner clicked (or pressed Enter on). */
export function drawNetwork(
  map: SVGElement,
  network: NetworkState,
  selected: string | undefined,
  onPick: (key: string) => void,
): void {
  const at = positions(network.hosts);
  const children: SVGElement[] = [];
  for (const link of network.links) {
    const [a, b] = link.between.map((name) => at.get(name));
    if (!a || !b) continue;
    const key = linkKey(link);
    const condition = linkCondition(link);
    const line = svg('line', {
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      stroke: linkColours[condition],
      'stroke-width': key === selected ? 8 : 4,
      'stroke-dasharray': link.cut ? '6 6' : 'none',
      class: `network-link${key === selected ? ' selected' : ''}`,
      'data-link': key,
      'data-condition': condition,
      tabindex: 0,
      role: 'button',
    });
    line.append(svg('title', {}, linkDescription(link)));
    line.addEventListener('click', () => onPick(key));
    line.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') onPick(key);
    });
    children.push(line);
    const badge = linkBadge(link);
    if (badge)
      children.push(
        svg(
          'text',
          {
            x: (a.x + b.x) / 2,
            y: (a.y + b.y) / 2 - 4,
            'text-anchor': 'middle',
            'font-size': 11,
            fill: condition === 'delayed' ? '#d1c4ff' : '#ffb74d',
            class: 'network-link-badge',
          },
          badge,
        ),
      );
  }
  for (const host of network.hosts) {
    const point = at.get(host.name);
    if (!point) continue;
    const { x, y } = point;
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
