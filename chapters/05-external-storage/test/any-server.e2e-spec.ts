import { LabClient, useLab, waitFor } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { loggedInUser, userTimeoutMs, type Me } from './user';

describe('three servers sharing one Redis behind round-robin', () => {
  const lab = useLab(externalStorageLab('redis'));

  it('any server answers any request: the login on one server is known to all three', async () => {
    const user = await loggedInUser(lab.url, 'a');

    const answers: Me[] = [];
    for (let i = 0; i < 6; i++) answers.push((await user.get<Me>('/me')).body);

    expect(new Set(answers.map((answer) => answer.server))).toEqual(new Set(['1', '2', '3']));
    expect(answers.map((answer) => answer.userid)).toEqual(Array(6).fill('a'));
  });

  it('a cart item added through one server is in the cart that the next server shows', async () => {
    const user = await loggedInUser(lab.url, 'b');

    const added = await user.post<Me>('/cart', { item: 'apple' });
    const next = await user.get<Me>('/me');

    expect(next.servedBy).not.toBe(added.servedBy);
    expect(next.body.cart).toEqual(['apple']);
  });

  it('when a server is killed (kill -9) under load, no user loses the session', async () => {
    const users = await Promise.all(
      Array.from({ length: 8 }, (_, i) => loggedInUser(lab.url, `load-${i}`)),
    );
    const wrongAnswers: string[] = [];
    let answered = 0;
    let running = true;
    const load = users.map(async (user, i) => {
      while (running) {
        const me = await user.get<Me>('/me').catch(() => undefined);
        // A request in flight on the server at the instant it dies may fail (502): that is
        // the crash. A 200 that does not know the user would be a lost session.
        if (me?.status === 200) {
          answered += 1;
          if (me.body.userid !== `load-${i}`)
            wrongAnswers.push(`load-${i} got ${JSON.stringify(me.body)}`);
        }
      }
    });

    // Each request answers or gives up within the client's timeout, so a few rounds of the
    // load fit in a few timeouts however busy the machine is.
    const rounds = (count: number) => ({
      answers: count * users.length,
      within: count * userTimeoutMs,
    });
    let answeredAtKill = 0;
    try {
      await waitFor(
        () => answered >= rounds(2).answers,
        'two rounds of answers before the kill',
        rounds(2).within,
      );
      await lab.server('2').kill();
      answeredAtKill = answered;
      await waitFor(
        () => answered >= answeredAtKill + rounds(2).answers,
        'two rounds of answers from the surviving servers',
        rounds(2).within,
      );
    } finally {
      running = false;
      await Promise.all(load);
    }

    expect(wrongAnswers).toEqual([]);
    expect(answered).toBeGreaterThan(answeredAtKill);
    for (const [i, user] of users.entries()) {
      const me = await user.get<Me>('/me');
      expect({ status: me.status, userid: me.body.userid }).toEqual({
        status: 200,
        userid: `load-${i}`,
      });
    }
    await lab.server('2').start();
  });

  it('a user with no session gets userid null from any server, not an error', async () => {
    const stranger = new LabClient(lab.url, { name: 'stranger', timeoutMs: 5000 });
    const me = await stranger.get<Me>('/me');
    expect(me.status).toBe(200);
    expect(me.body.userid).toBeNull();
  });
});
