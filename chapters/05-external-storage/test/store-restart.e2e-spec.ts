import { measureRestart, restartCases } from '../lab/experiments/store-restart';

describe('what survives a restart of the store', () => {
  it('Redis without persistence forgets every session: everyone is logged out', async () => {
    const row = await measureRestart(restartCases[0], 5);
    expect(row).toMatchObject({ sessionsBefore: 5, sessionsAfter: 0 });
  });

  it('Redis with an append-only file replays it: everyone is still logged in, after a clean restart and after kill -9 once the writes reached the file', async () => {
    const clean = await measureRestart(restartCases[1], 5);
    const crash = await measureRestart(restartCases[2], 5);
    expect([clean.sessionsAfter, crash.sessionsAfter]).toEqual([5, 5]);
  });
});
