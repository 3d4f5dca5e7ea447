import { LabClient, networkTestGate, useLab, useMeasurement } from '@sessions/harness';
import { clusterOnHosts } from '../../lab/cluster-lab';
import { measureSplitBrain } from '../../lab/split-brain';

const describeNetwork = networkTestGate().describe;
const users = 4;

describeNetwork('chapter 04 with WRITE_QUORUM=majority, split into {s1} | {s2, s3}', () => {
  const lab = useLab(clusterOnHosts, {
    env: { WRITE_QUORUM: 'majority' },
    serverReadyTimeoutMs: 60_000,
  });
  const result = useMeasurement(() => measureSplitBrain(lab, users), 240_000);

  it('s1, alone on its side, refuses every write instead of acknowledging it', () => {
    if (result.acknowledged.minority > 0)
      throw new Error(
        `s1 acknowledged ${result.acknowledged.minority} of ${users} writes while it could reach no other server: ` +
          'with a majority quorum, a write that only 1 of 3 servers took must be refused (503), not answered 200.',
      );
  });

  it('s2 and s3, a majority together, still accept every write', () => {
    if (result.acknowledged.majority !== users)
      throw new Error(
        `the majority side acknowledged ${result.acknowledged.majority} of ${users} writes: s2 and s3 are 2 of 3, a majority, and must keep accepting`,
      );
  });

  it('after the heal and the next write, no acknowledged write is lost and every server agrees', () => {
    const lost = result.lostAcknowledged.minority + result.lostAcknowledged.majority;
    if (lost > 0)
      throw new Error(
        `${lost} acknowledged writes were thrown away after the heal (minority ${result.lostAcknowledged.minority}, majority ${result.lostAcknowledged.majority}): ` +
          'a write made on an out-of-date copy (s1 after the heal) must not replace a newer one; a peer with a newer copy has to refuse it.',
      );
    if (result.convergedAfterNextWrite !== users)
      throw new Error(
        `only ${result.convergedAfterNextWrite} of ${users} users have the same cart on every server after the next write`,
      );
  });

  it('a refused write is a 503 that says why, and the refused item is nowhere', async () => {
    const network = lab.network!;
    const s1 = lab.server('1');
    const user = new LabClient(s1.url, { name: 'refused' });
    await user.post('/login', { userid: 'refused' });
    const cookie = await user.jar.getCookieString(user.baseUrl);
    await network.isolate(['s1']);
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${s1.url}/cart`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ item: 'refused-item' }),
      });
      status = response.status;
      text = await response.text();
    } finally {
      await network.healAll();
    }
    if (status !== 503 || !/quorum/i.test(text))
      throw new Error(
        `a write s1 could not get a majority for answered ${status} ${text.slice(0, 200)}: expected a 503 whose message says there was no quorum`,
      );
    const me = (await (await fetch(`${s1.url}/me`, { headers: { cookie } })).json()) as {
      cart: string[];
    };
    if (me.cart.includes('refused-item'))
      throw new Error('s1 refused the write but kept the item in its own copy of the session');
  });
});
