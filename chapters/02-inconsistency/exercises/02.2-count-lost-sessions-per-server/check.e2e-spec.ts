import { useLab } from '@sessions/harness';
import { measureLostSessions } from '../../lab/experiments/lost-sessions';
import { lab as definition } from '../../lab/lab';

describe('exercise 02.2: every server counts the requests that came for a session it does not hold', () => {
  const lab = useLab(definition);

  it("the servers' counts add up to the lost-sessions experiment's requests without a session", async () => {
    const result = await measureLostSessions(lab, {
      users: 6,
      requestsPerUser: 6,
      servers: lab.servers.length,
      seed: 7,
    });

    let counted = 0;
    for (const server of lab.servers) {
      const stats = (await (await fetch(`${server.url}/__internal/stats`)).json()) as Record<
        string,
        unknown
      >;
      if (typeof stats.unknownSessionRequests !== 'number')
        throw new Error(
          `GET /__internal/stats of server ${server.id} has no unknownSessionRequests figure yet (it has ${Object.keys(stats).join(', ')}).`,
        );
      counted += stats.unknownSessionRequests;
    }
    if (counted !== result.requestsWithoutSession)
      throw new Error(
        `The servers counted ${counted} requests for a session they do not hold, but ${result.requestsWithoutSession} of the experiment's ${result.requests} requests came back without a session: count every store miss, and nothing else.`,
      );
  });
});
