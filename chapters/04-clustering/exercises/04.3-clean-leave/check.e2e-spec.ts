import { LabClient, useLab } from '@sessions/harness';
import { replicationSettled, statsOf } from '../../lab/experiments/cluster-probe';
import { lab as definition } from '../../lab/lab';

describe('a server that shuts down cleanly tells its peers, which stop replicating to it', () => {
  const lab = useLab(definition, { balancer: { healthCheck: { intervalMs: 200 } } });

  it('after server 3 stops (SIGTERM), servers 1 and 2 no longer list it and send it nothing', async () => {
    const [first, second, third] = lab.servers;
    await third.stop();
    const peers = await Promise.all(
      [first, second].map(async (s) => (await statsOf(s)).replication.peers),
    );
    if (peers.some((list) => list.includes(third.url)))
      throw new Error(
        `after server 3 shut down cleanly, servers 1 and 2 still list it as a peer (${JSON.stringify(peers)}): ` +
          'they learn that it is gone only when a message to it fails, on every write.',
      );

    const failedBefore = (await statsOf(first)).replication.sent.failed;
    const user = new LabClient(first.url, { name: 'after-leave' });
    await user.post('/login', { userid: 'after-leave' });
    await user.post('/cart', { item: 'apple' });
    await replicationSettled([first, second]);
    const failed = (await statsOf(first)).replication.sent.failed - failedBefore;
    if (failed > 0)
      throw new Error(
        `server 1 still tried to replicate to the departed server 3: ${failed} messages failed`,
      );
  });

  it('when server 3 starts again, it joins again and receives the sessions', async () => {
    const [first, , third] = lab.servers;
    await third.start();
    const user = new LabClient(first.url, { name: 'after-rejoin' });
    await user.post('/login', { userid: 'after-rejoin' });
    await replicationSettled(lab.servers);

    const peers = (await statsOf(first)).replication.peers;
    const onThird = await fetch(`${third.url}/me`, {
      headers: { cookie: await user.jar.getCookieString(first.url) },
    });
    const me = (await onThird.json()) as { userid: string | null };
    if (!peers.includes(third.url) || me.userid !== 'after-rejoin')
      throw new Error(
        'server 3 came back but is not a member again: a leave must not outlive the server',
      );
  });
});
