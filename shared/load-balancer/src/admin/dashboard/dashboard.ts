// The lab dashboard. Reads /__lb/state (servers, controls, recent events), /__lb/events (one
// Server-Sent Event per request) and each server's /__internal pages through
// /__lb/servers/<id>/{sessions,stats}. Controls POST to /__lb/control/<action> with the token.
// Plain DOM, no framework: ES modules from the balancer's own origin, nothing inline (CSP).
import { labChanged } from './lab-api.js';
import { wireNetworkPanel } from './network-panel.js';
import { addEvent, setLive, wireOnlyMine } from './requests.js';
import { pollServerViews } from './server-cards.js';
import { pollState, refreshState } from './state.js';
import type { RequestEvent } from './types.js';
import { applyPageText, text } from './page-text.js';

const statePollMs = 1000;
const serverViewPollMs = 2000;

function connectEvents(): void {
  const stream = new EventSource('/__lb/events');
  stream.addEventListener('open', () => setLive('live', text.live));
  stream.addEventListener('error', () => setLive('lost', text.reconnecting));
  stream.addEventListener('message', (message) => {
    try {
      addEvent(JSON.parse(message.data as string) as RequestEvent, true);
    } catch {
      // A malformed line is skipped; the next state poll fills any gap.
    }
  });
}

applyPageText();
wireOnlyMine();
wireNetworkPanel();
document.addEventListener(labChanged, () => void refreshState());
void pollState(statePollMs);
void pollServerViews(serverViewPollMs);
connectEvents();
