// The "live" badge in the header. Two things feed it: the event stream (open or not) and the
// state poll (the balancer answered its last one or not). It reads "live" only while both
// hold, and each of them puts it right again when it recovers, so one failed poll cannot leave
// a healthy page saying "not reachable" for good.
import { byId } from './dom.js';
import { text } from './page-text.js';

let streamOpen = false;
let balancerAnswers = true;

function render(): void {
  const badge = byId('live');
  const live = streamOpen && balancerAnswers;
  badge.dataset.state = live ? 'live' : 'lost';
  badge.textContent = live ? text.live : balancerAnswers ? text.reconnecting : text.notReachable;
}

/** The event stream opened (`true`) or broke and is reconnecting (`false`). */
export function streamIsOpen(open: boolean): void {
  streamOpen = open;
  render();
}

/** The last read of /__lb/state got an answer (`true`) or no answer at all (`false`). */
export function balancerAnswered(answered: boolean): void {
  if (answered === balancerAnswers) return;
  balancerAnswers = answered;
  render();
}
