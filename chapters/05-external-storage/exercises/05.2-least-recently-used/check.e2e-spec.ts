import { useLab } from '@sessions/harness';
import { externalStorageLab } from '../../lab/lab';
import { loggedInUser, type Me } from '../../test/user';

/** Spring Security's maximumSessions(K) ends the least recently *used* session. */
describe('with at most 2 sessions per user in Redis, a new login ends the least recently used one', () => {
  const lab = useLab(externalStorageLab('redis'), {
    servers: 2,
    env: { MAX_SESSIONS_PER_USER: '2' },
  });

  it('an old but active session survives a third login; the idle one is ended', async () => {
    const desk = await loggedInUser(lab.url, 'frank', 'frank-desk');
    const phone = await loggedInUser(lab.url, 'frank', 'frank-phone');
    // The desk, logged in first, is used after the phone logged in: the phone is now idlest.
    const used = await desk.get<Me>('/me');
    if (used.body.userid !== 'frank') throw new Error('the desk session should still be logged in');

    await loggedInUser(lab.url, 'frank', 'frank-tablet');
    const [deskAfter, phoneAfter] = await Promise.all(
      [desk, phone].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );

    if (deskAfter !== 'frank')
      throw new Error(
        'the third login ended the desk session, the oldest login, although it had just been used: ' +
          'the index still orders sessions by login time, not by last use',
      );
    if (phoneAfter !== null)
      throw new Error(
        'the phone session (the least recently used) is still logged in: with at most 2 sessions, a third login must end it',
      );
  });

  it('the login order still decides among sessions nobody used since', async () => {
    const first = await loggedInUser(lab.url, 'grace', 'grace-1');
    const second = await loggedInUser(lab.url, 'grace', 'grace-2');
    await loggedInUser(lab.url, 'grace', 'grace-3');

    const states = await Promise.all(
      [first, second].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );
    if (states[0] !== null || states[1] !== 'grace')
      throw new Error(
        `expected the first, never used again, to be ended and the second kept; got ${JSON.stringify(states)}`,
      );
  });
});
