import { useLab } from '@sessions/harness';
import { measureLostSessions } from '../../lab/experiments/lost-sessions';
import { lab as definition } from '../../lab/lab';

interface ByServer {
  requestsWithoutSession: number;
  lostByServer?: Record<string, number>;
  lostOnLoginServer?: number;
}

describe('exercise 02.3: the lost-sessions experiment says which servers lost them', () => {
  const lab = useLab(definition);

  it('every server loses some, they add up to the total, and never on the server of the login', async () => {
    const result: ByServer = await measureLostSessions(lab, {
      users: 6,
      requestsPerUser: 6,
      servers: lab.servers.length,
      seed: 7,
    });
    const { lostByServer, lostOnLoginServer } = result;
    if (lostByServer === undefined || lostOnLoginServer === undefined)
      throw new Error(
        'measureLostSessions returns no lostByServer / lostOnLoginServer yet: count each /me without a session by the server that answered it.',
      );
    const total = Object.values(lostByServer).reduce((sum, n) => sum + n, 0);
    if (total !== result.requestsWithoutSession)
      throw new Error(
        `lostByServer adds up to ${total}, but ${result.requestsWithoutSession} requests came back without a session.`,
      );
    const servers = lab.servers.map((server) => server.id).sort();
    if (JSON.stringify(Object.keys(lostByServer).sort()) !== JSON.stringify(servers))
      throw new Error(
        `lostByServer names ${Object.keys(lostByServer).join(', ')}: under round-robin every server (${servers.join(', ')}) answers for sessions it never saw.`,
      );
    if (lostOnLoginServer !== 0)
      throw new Error(
        `${lostOnLoginServer} requests reached the server of the user's own login and still found no session: count only answers from the other servers, as it is their memory that lacks it.`,
      );
  });
});
