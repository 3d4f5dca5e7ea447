import { LabClient, sleep, useLab } from '@sessions/harness';
import { lab as definition } from '../../lab/lab';

interface Me {
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

const renewalMs = 1_500;

describe('exercise 01.3: a logged-in session gets a new id every SESSION_ID_RENEWAL_MS', () => {
  const lab = useLab(definition, { env: { SESSION_ID_RENEWAL_MS: String(renewalMs) } });

  it('an active user keeps their login and cart under a new id, and the old id is dead', async () => {
    const user = new LabClient(lab.url, { name: 'renewed' });
    const login = await user.post<{ sessionId: string }>('/login', { userid: 'a' });
    await user.post('/cart', { item: 'apple' });
    const oldCookie = (await user.cookie('sid'))!;

    let me = await user.get<Me>('/me');
    const started = Date.now();
    // Three renewal periods: the id must have changed at least once by then.
    while (me.body.sessionId === login.body.sessionId && Date.now() - started < 3 * renewalMs) {
      await sleep(200);
      me = await user.get<Me>('/me');
    }

    if (me.body.sessionId === login.body.sessionId)
      throw new Error(
        `After ${3 * renewalMs} ms of activity the session still has the id it got at login: with SESSION_ID_RENEWAL_MS=${renewalMs}, give it a new id once that long has passed since the id was issued.`,
      );
    if (me.body.userid !== 'a' || !me.body.cart.includes('apple'))
      throw new Error(
        `The session under its new id is ${JSON.stringify(me.body)}: a renewal must keep the user and the cart, only the id changes.`,
      );
    const thief = new LabClient(lab.url, { cookies: false });
    const stolen = await thief.get<Me>('/me', { cookie: `sid=${oldCookie}` });
    if (stolen.body.userid !== null)
      throw new Error(
        'The id from before the renewal still reaches the session: the old id must be destroyed (regenerate does that), or a stolen id keeps working.',
      );
  });
});
