import { LabClient, useLab } from '@sessions/harness';
import {
  addItemOn,
  cookieHeaderOf,
  meOn,
  replicationSettled,
  sessionIdsOn,
} from '../../lab/experiments/cluster-probe';
import { lab as definition } from '../../lab/lab';

describe('primary-backup: when the backup dies, the owner copies the session to another server', () => {
  const lab = useLab(definition, {
    env: { CLUSTER_MODE: 'primary-backup' },
    balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 1 } },
  });

  it('the backup dies, the user writes again, then the owner dies: the third server still has the session', async () => {
    const owner = lab.servers[0];
    const user = new LabClient(owner.url, { name: 'two-failures' });
    await user.post('/login', { userid: 'two-failures' });
    await replicationSettled(lab.servers);
    const cookie = await cookieHeaderOf(user);
    const sid = (await meOn(owner, cookie)).sessionId!;
    const others = lab.servers.filter((server) => server !== owner);
    const holders = await Promise.all(
      others.map(async (s) => (await sessionIdsOn(s)).includes(sid)),
    );
    const backup = others[holders.indexOf(true)];
    const third = others[holders.indexOf(false)];
    if (!backup || !third)
      throw new Error(`expected one backup among servers 2 and 3, got ${JSON.stringify(holders)}`);

    await backup.kill();
    const write = await addItemOn(owner, cookie, 'after-backup-died');
    if (write.status !== 200) throw new Error(`the owner refused the write: ${write.status}`);
    await replicationSettled([owner, third]);
    await owner.kill();

    const me = await meOn(third, cookie);
    if (me.userid !== 'two-failures')
      throw new Error(
        `server ${third.id} lost the session once the owner died too: it only knew where the session ` +
          'lived (a locator), and both holders were gone. When the backup died, the owner should have ' +
          'made another server the backup.',
      );
    if (!me.cart.includes('after-backup-died'))
      throw new Error(
        `the new backup has the session but not the last write: ${JSON.stringify(me.cart)}`,
      );
  });
});
