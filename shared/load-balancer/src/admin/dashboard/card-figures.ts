// The figures under a server card's numbers: a few in view, every one a click away.
import { h } from './dom.js';
import { formatBytes, formatValue, ms, words } from './format.js';
import type { StatsView } from './types.js';
import { text } from './page-text.js';

/** Stats every server reports; anything else (replication, store) is listed under the card. */
const statsShown = new Set(['server', 'pid', 'heapUsedBytes', 'rssBytes', 'sessions', 'bytes']);

type Pair = [label: string, text: string];

interface Replication {
  mode?: string;
  clusterMode?: string;
  delayMs?: number;
  lagMs?: number | { last: number; mean: number; max: number };
  sent?: { messages: number; wireBytes?: number };
  received?: { applied?: number; messages?: number; wireBytes?: number };
  copies?: { full: number; locators?: number };
  pending?: number;
  rejected?: { total?: number };
}

/**
 * Chapter 04's replication figures, the ones the lesson talks about: lag, bytes on the wire,
 * copies held. Every other figure is still listed under "all figures".
 */
function replicationHighlights(replication: Replication): Pair[] {
  const pairs: Pair[] = [];
  const { mode, clusterMode, delayMs, lagMs, sent, received, copies, pending, rejected } =
    replication;
  if (mode)
    pairs.push([
      text.replication,
      [mode, clusterMode, delayMs ? `delay ${delayMs} ms` : ''].filter(Boolean).join(' · '),
    ]);
  if (lagMs && typeof lagMs === 'object')
    pairs.push([text.lagMs, `last ${lagMs.last} · mean ${lagMs.mean} · max ${lagMs.max}`]);
  else if (typeof lagMs === 'number') pairs.push([text.lag, ms(lagMs)]);
  if (sent)
    pairs.push([
      text.sent,
      `${sent.messages} message${sent.messages === 1 ? '' : 's'} · ${formatBytes(sent.wireBytes ?? 0)}`,
    ]);
  if (received)
    pairs.push([
      text.received,
      `${received.applied ?? received.messages} applied · ${formatBytes(received.wireBytes ?? 0)}`,
    ]);
  if (copies && typeof copies === 'object')
    pairs.push([
      text.copiesHeld,
      `${copies.full} full${copies.locators ? ` + ${copies.locators} locators` : ''}`,
    ]);
  if (pending) pairs.push([text.pending, String(pending)]);
  if (rejected?.total) pairs.push([text.rejected, String(rejected.total)]);
  return pairs;
}

/** What a card lists under its numbers; nested groups go to "all figures". */
export function cardFigures(stats: StatsView): {
  shown: Pair[];
  nested: Array<[key: string, value: object]>;
} {
  const shown: Pair[] = [
    [text.sessionBytes, formatBytes(stats.bytes)],
    [text.heapUsed, formatBytes(stats.heapUsedBytes)],
  ];
  const nested: Array<[string, object]> = [];
  for (const [key, value] of Object.entries(stats)) {
    if (statsShown.has(key)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      nested.push([key, value]);
      if (key === 'replication') shown.push(...replicationHighlights(value as Replication));
    } else shown.push([words(key), formatValue(key, value)]);
  }
  return { shown, nested };
}

/** <dt>/<dd> pairs: [label, text], or [label, raw value, key] formatted by its key. */
export function factsList(pairs: ReadonlyArray<[string, unknown, string?]>): HTMLElement[] {
  return pairs.flatMap(([label, value, key]) => {
    const text = key === undefined ? String(value) : formatValue(key, value);
    return [h('dt', { text: label }), h('dd', { text, title: text })];
  });
}
