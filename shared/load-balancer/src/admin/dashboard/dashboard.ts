// The lab dashboard. Reads /__lb/state (servers, controls, recent events), /__lb/events (one
// Server-Sent Event per request) and each server's /__internal pages through
// /__lb/servers/<id>/{sessions,stats}. Controls POST to /__lb/control/<action> with the token.
// Plain DOM, no framework: ES modules from the balancer's own origin, nothing inline (CSP).
import { labChanged } from './lab-api.js';
import { wireNetworkPanel } from './network-panel.js';
import { streamIsOpen } from './live-badge.js';
import { addEvent, wireOnlyMine } from './requests.js';
import { pollServerViews } from './server-cards.js';
import { pollState, refreshState } from './state.js';
import type { RequestEvent } from './types.js';
import { applyPageText } from './page-text.js';

const statePollMs = 1000;
const serverViewPollMs = 2000;
const streamRetryMs = 2000;

function connectEvents(): void {
  const stream = new EventSource('/__lb/events');
  stream.addEventListener('open', () => streamIsOpen(true));
  stream.addEventListener('error', () => {
    streamIsOpen(false);
    // The browser retries a dropped stream by itself, but gives up for good on an answer that
    // is not a stream (a 503 when too many readers are open): then this page tries again.
    if (stream.readyState === EventSource.CLOSED) setTimeout(connectEvents, streamRetryMs);
  });
  stream.addEventListener('message', (message) => {
    let event: RequestEvent;
    try {
      event = JSON.parse(message.data as string) as RequestEvent;
    } catch {
      return; // a malformed line is skipped; the next state poll fills any gap
    }
    addEvent(event, true);
  });
}

applyPageText();
wireOnlyMine();
wireNetworkPanel();
document.addEventListener(labChanged, () => void refreshState());
void pollState(statePollMs);
void pollServerViews(serverViewPollMs);
connectEvents();
