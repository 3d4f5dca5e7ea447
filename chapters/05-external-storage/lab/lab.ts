import type { LabDefinition } from '@sessions/harness';
import { readLabStore, servicesFor, type LabStore, type StoreSource } from './lab-services';

/** Chapter 05 with a given store; the tests and experiments pick theirs and always start it. */
export function externalStorageLab(
  store: LabStore,
  source: StoreSource = { useExisting: false },
): LabDefinition {
  return {
    chapter: '05-external-storage',
    title: `Chapter 05 · external session storage (세션 스토리지 분리), store: ${store}`,
    servers: 3,
    strategy: 'round-robin',
    services: servicesFor(store, source),
    tryThis: [
      'Open the URL, log in, add to the cart, reload: every server answers, and every one knows you.',
      'Dashboard: kill a server; the next request goes to another, and you are still logged in.',
      'Dashboard: stop-redis; /me answers 503 with a JSON message within a second, /health stays 200. start-redis: it serves again (the sessions are gone: no persistence).',
      'Sentinel: LAB_STORE=redis-sentinel npm start -- 05, then the failover control.',
      'PostgreSQL instead: LAB_STORE=postgres npm start -- 05',
      'Your sessions: curl -b $c {url}/sessions ; log out everywhere: curl -b $c -XPOST {url}/sessions/logout-everywhere',
      'Experiments: npm run experiment -w chapters/05-external-storage',
    ],
  };
}

/** `npm start -- 05` (LAB_STORE picks the store; REDIS_URL / DATABASE_URL use existing ones). */
export const lab: LabDefinition = externalStorageLab(readLabStore(), { useExisting: true });
