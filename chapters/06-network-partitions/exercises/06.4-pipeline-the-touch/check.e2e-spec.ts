import { networkTestGate, useLab } from '@sessions/harness';
import { relayedStoreLab } from '../../lab/relayed-store';
import { measureRoundTrips } from '../../lab/round-trips';

const describeNetwork = networkTestGate().describe;
const requests = 10;
// GET of the session, EXPIRE of the user's index, EXPIRE of the session: one after another.
const roundTripsToday = 3;

describeNetwork('a GET /me on chapter 05 with Redis on its own host, behind the relay', () => {
  const { definition, store } = relayedStoreLab('redis');
  const lab = useLab(definition, { serverReadyTimeoutMs: 60_000 });

  it('makes two round trips to the store, not three: the two expiries of its touch travel together', async () => {
    const [plain, delayed] = await measureRoundTrips(lab, store(), [0, 5], requests);
    const trips = plain.roundTripsPerRequest;
    if (!Number.isInteger(trips) || trips < 1)
      throw new Error(
        `the relay counted ${trips} round trips per GET /me: expected a whole number`,
      );
    if (trips >= roundTripsToday)
      throw new Error(
        `each GET /me still makes ${trips} round trips to Redis (the session's GET, then the user's index EXPIRE, then the session's EXPIRE, each waiting for the one before): ` +
          'at 1 ms between server and store that is 3 ms per request before Redis does any work. ' +
          'The two EXPIREs of a touch do not need each other’s answer: send them together.',
      );
    if (delayed.roundTripsPerRequest !== trips)
      throw new Error(
        `with 5 ms added the relay counted ${delayed.roundTripsPerRequest} round trips per request, without ${trips}: ` +
          'commands that travel together must not depend on timing',
      );
  });
});
