import { LabClient, startLab, type Lab } from '@sessions/harness';
import {
  cookieHeaderOf,
  meOn,
  replicationSettled,
  statsOf,
} from '../lab/experiments/cluster-probe';
import { createSessions, measureHoldings } from '../lab/experiments/memory';
import { lab as definition } from '../lab/lab';

const sessions = 12;

describe('primary-backup: each session on its owner plus one backup (like Tomcat BackupManager)', () => {
  let lab: Lab;
  let allToAll: Lab;

  beforeAll(async () => {
    // One after the other: six servers booting at once can starve a small machine.
    lab = await startLab(definition, {
      env: { CLUSTER_MODE: 'primary-backup' },
      balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
    });
    allToAll = await startLab(definition);
  });
  afterAll(async () => {
    await Promise.all([lab?.stop(), allToAll?.stop()]);
  });

  it('holds two full copies of every session instead of three, and uses less memory for it', async () => {
    await createSessions(lab, sessions, 3);
    await createSessions(allToAll, sessions, 3);
    const primaryBackup = await measureHoldings(lab, sessions);
    const everywhere = await measureHoldings(allToAll, sessions);

    const fullCopies = primaryBackup.perServer.reduce((sum, server) => sum + server.sessions, 0);
    const locators = primaryBackup.perServer.reduce((sum, server) => sum + server.locators, 0);
    expect(fullCopies).toBe(2 * sessions);
    expect(locators).toBe(sessions);
    expect(everywhere.perServer.map((server) => server.sessions)).toEqual([
      sessions,
      sessions,
      sessions,
    ]);
    // Two copies of the data instead of three: a third less.
    expect(primaryBackup.totalStoreBytes / everywhere.totalStoreBytes).toBeCloseTo(2 / 3, 1);
  });

  it('a server without a copy still answers: it fetches the session from its owner', async () => {
    const user = new LabClient(lab.url, { name: 'roaming' });
    await user.post('/login', { userid: 'roaming' });
    await replicationSettled(lab.servers);
    const cookie = await cookieHeaderOf(user);

    const answers = await Promise.all(lab.servers.map((server) => meOn(server, cookie)));
    const fetches = await Promise.all(
      lab.servers.map(async (s) => (await statsOf(s)).replication.peerFetches.ok),
    );

    expect(answers.map((answer) => answer.userid)).toEqual(['roaming', 'roaming', 'roaming']);
    expect(fetches.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('when the owner dies, the backup still has the session', async () => {
    const user = new LabClient(lab.server('1').url, { name: 'owned-by-1' });
    await user.post('/login', { userid: 'owned-by-1' });
    await user.post('/cart', { item: 'apple' });
    await replicationSettled(lab.servers);
    const cookie = await cookieHeaderOf(user);

    await lab.server('1').kill();

    for (const server of lab.servers.filter((s) => s.id !== '1')) {
      const me = await meOn(server, cookie);
      expect({ server: server.id, userid: me.userid, cart: me.cart }).toEqual({
        server: server.id,
        userid: 'owned-by-1',
        cart: ['apple'],
      });
    }
  });
});
