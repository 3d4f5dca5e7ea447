import { LabClient, networkTestGate, useLab, waitFor } from '@sessions/harness';
import { clusterOnHosts } from '../../lab/cluster-lab';
import { addItemOn, meOn, replicationOf } from '../../lab/probe';

const describeNetwork = networkTestGate().describe;
// Sequential writes: only the first rides a connection opened before the cut, so at most one
// user can be repaired by the kernel retransmitting it after the heal; the others cannot.
const users = 4;
const resendMs = 500;
// A message to a partitioned peer is given up after 2 s and one retry on a fresh connection.
const replicationGiveUpMs = 2 * 2_000;

describeNetwork(`chapter 04 with RESEND_MISSED_MS=${resendMs}: {s1} | {s2, s3}, then heal`, () => {
  const lab = useLab(clusterOnHosts, {
    env: { RESEND_MISSED_MS: String(resendMs) },
    serverReadyTimeoutMs: 60_000,
  });

  it('after the heal, every server comes to agree on each user’s cart without anyone writing again', async () => {
    const { network, servers } = lab;
    const settled = () =>
      waitFor(
        async () => (await Promise.all(servers.map(replicationOf))).every((r) => r.pending === 0),
        'every replication message to be delivered or given up',
        replicationGiveUpMs * 3,
      );
    const [s1, s2] = [lab.server('1'), lab.server('2')];
    const cookies: string[] = [];
    for (let i = 0; i < users; i++) {
      const user = new LabClient(lab.url, { name: `missed-${i}` });
      await user.post('/login', { userid: `missed-${i}` });
      cookies.push(await user.jar.getCookieString(user.baseUrl));
    }
    await settled();

    await network!.isolate(['s1']);
    for (const [i, cookie] of cookies.entries()) {
      await addItemOn(s1, cookie, `minority-${i}`);
      await addItemOn(s2, cookie, `majority-${i}`);
    }
    await settled();
    await network!.healAll();

    const agreeing = async () => {
      let count = 0;
      for (const cookie of cookies) {
        const carts = await Promise.all(servers.map((server) => meOn(server, cookie)));
        if (new Set(carts.map((me) => JSON.stringify(me.cart))).size === 1) count += 1;
      }
      return count;
    };
    // Each server retries every RESEND_MISSED_MS; a retry can meet a connection that died
    // during the partition and wait out its timeout once.
    const boundMs = 3 * (resendMs + replicationGiveUpMs);
    await waitFor(async () => (await agreeing()) === users, 'the carts to agree', boundMs).catch(
      () => undefined,
    );
    const agree = await agreeing();
    if (agree !== users)
      throw new Error(
        `${boundMs} ms after the heal, ${users - agree} of ${users} users still have different carts on s1 and on s2/s3: ` +
          'a change a peer missed during the partition was given up and is never sent again. Keep it, and deliver it once the peer answers.',
      );
  });
});
