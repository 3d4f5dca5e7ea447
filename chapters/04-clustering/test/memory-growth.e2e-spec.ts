import { againIfNotStarted } from '@sessions/harness';
import { sessionIdsOn } from '../lab/experiments/cluster-probe';
import { createSessions, measureHoldings, type MemoryResult } from '../lab/experiments/memory';
import { withLab } from '../lab/experiments/with-lab';

/** The source's second drawback, "memory grows with servers", at three cluster sizes. */
/** The harness gives a server 15 s to answer /health; stopping a lab that missed it takes a few more. */
const startAttempts = 4;
const perAttemptMs = 15_000 + 10_000;
const workMs = 30_000;

describe.each([2, 3, 5])('all-to-all with %i servers', (servers) => {
  const sessions = 12;
  let holdings: MemoryResult;
  let idsPerServer: string[][];

  beforeAll(
    async () => {
      // Five servers joining one another at once can miss the harness's start deadline on a
      // busy machine; a lab that never started measured nothing, so it is started again.
      [holdings, idsPerServer] = await againIfNotStarted(
        () =>
          withLab({ servers }, async (lab) => {
            await createSessions(lab, sessions, 2);
            return [
              await measureHoldings(lab, sessions),
              await Promise.all(lab.servers.map(sessionIdsOn)),
            ] as const;
          }),
        startAttempts,
        () => {},
      );
    },
    startAttempts * perAttemptMs + workMs,
  );

  it(`every one of the ${servers} servers holds every session: ${servers} copies of each`, () => {
    expect(holdings.perServer).toHaveLength(servers);
    for (const server of holdings.perServer) expect(server.sessions).toBe(sessions);
    for (const ids of idsPerServer) expect([...ids].sort()).toEqual([...idsPerServer[0]].sort());
    const copiesHeld = holdings.perServer.reduce((sum, server) => sum + server.sessions, 0);
    expect(copiesHeld).toBe(servers * sessions);
  });

  it(`the cluster holds ${servers} × the bytes of one copy: adding a server adds no capacity`, () => {
    for (const server of holdings.perServer) expect(server.storeBytes).toBe(holdings.oneCopyBytes);
    expect(holdings.totalStoreBytes).toBe(servers * holdings.oneCopyBytes);
  });
});
