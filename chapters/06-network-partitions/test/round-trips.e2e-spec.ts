import { networkTestGate, useLab } from '@sessions/harness';
import { relayedStoreLab, type SessionStoreKind } from '../lab/relayed-store';
import { measureRoundTrips } from '../lab/round-trips';

const describeNetwork = networkTestGate().describe;
const requests = 10;

describe.each<SessionStoreKind>(['redis', 'postgres'])(
  'round trips to %s on its own host',
  (kind) => {
    describeNetwork('through the delaying relay', () => {
      const { definition, store } = relayedStoreLab(kind);
      const lab = useLab(definition, { serverReadyTimeoutMs: 60_000 });

      it('counts a whole number of round trips per request, the same with or without added delay', async () => {
        const [plain, delayed] = await measureRoundTrips(lab, store(), [0, 5], requests);
        expect(Number.isInteger(plain.roundTripsPerRequest)).toBe(true);
        expect(plain.roundTripsPerRequest).toBeGreaterThanOrEqual(1);
        // Distance changes what a round trip costs, never how many a request makes.
        expect(delayed.roundTripsPerRequest).toBe(plain.roundTripsPerRequest);
      });

      it('puts the store on a host of its own, reached by server 1 only through the relay', () => {
        const stored = store();
        const storeHost = lab.network!.host(kind === 'redis' ? 'redis' : 'pg');
        expect(stored.directUrl).toContain(storeHost.address);
        expect(stored.relayedUrl).toContain(lab.network!.host('balancer').address);
        expect(storeHost.namespace).toMatch(/^sas-\d+-/);
      });
    });
  },
);
