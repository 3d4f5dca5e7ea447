// How one network link reads on the map: its condition, colour and the words beside it.
// A lab without link delays sends no delayMs/jitterMs: the link then reads as before.
import type { NetworkLink } from './types.js';

export type LinkCondition = 'cut' | 'lossy' | 'delayed' | 'up';

export const linkColours: Record<LinkCondition, string> = {
  cut: '#c62828',
  lossy: '#ef8f00',
  delayed: '#b388ff',
  up: '#7a8ba0',
};

/** "s1|s2": one name per link, the order the lab lists its hosts in. */
export const linkKey = (link: Pick<NetworkLink, 'between'>): string => link.between.join('|');

const delayOf = (link: NetworkLink): number => link.delayMs ?? 0;
const jitterOf = (link: NetworkLink): number => link.jitterMs ?? 0;

export function linkCondition(link: NetworkLink): LinkCondition {
  if (link.cut) return 'cut';
  if (link.lossPercent > 0) return 'lossy';
  if (delayOf(link) > 0 || jitterOf(link) > 0) return 'delayed';
  return 'up';
}

/** "50 ms ± 10 ms", or undefined when the link adds no delay (or the lab does not say). */
export function delayText(link: NetworkLink): string | undefined {
  if (delayOf(link) === 0 && jitterOf(link) === 0) return undefined;
  return jitterOf(link) > 0 ? `${delayOf(link)} ms ± ${jitterOf(link)} ms` : `${delayOf(link)} ms`;
}

/** The short label drawn on the line: loss and delay, when there is any. */
export function linkBadge(link: NetworkLink): string {
  return [link.lossPercent > 0 ? `${link.lossPercent} %` : '', delayText(link) ?? '']
    .filter(Boolean)
    .join(' · ');
}

/** The whole story of a link, for its tooltip and the selected-link panel. */
export function linkDescription(link: NetworkLink): string {
  const parts = [link.cut ? 'cut' : 'up'];
  if (link.lossPercent > 0) parts.push(`${link.lossPercent} % loss`);
  const delay = delayText(link);
  if (delay) parts.push(`delay ${delay} each way`);
  return `${link.between.join(' - ')}: ${parts.join(' · ')}`;
}
