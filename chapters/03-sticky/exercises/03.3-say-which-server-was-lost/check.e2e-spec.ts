import { LabClient, useLab } from '@sessions/harness';
import { labFor } from '../../lab/lab';

interface Me {
  userid: string | null;
}

describe('exercise 03.3: the server that takes over names the server the user lost', () => {
  const lab = useLab(labFor('app'));

  it('after a kill -9, the next answer says X-Sticky-Rebound-From: <the dead server>, once', async () => {
    const user = new LabClient(lab.url, { name: 'a' });
    const login = await user.post('/login', { userid: 'a' });
    const first = await user.get('/me');
    if (first.headers.get('x-sticky-rebound-from') !== null)
      throw new Error('X-Sticky-Rebound-From came while the user’s own server still answers.');

    await lab.server(login.servedBy!).kill();
    const after = await user.get<Me>('/me');
    const named = after.headers.get('x-sticky-rebound-from');
    if (named !== login.servedBy)
      throw new Error(
        `Server ${login.servedBy} died and server ${after.servedBy} answered the user (userid ${after.body.userid}) with ${named === null ? 'no X-Sticky-Rebound-From header' : `X-Sticky-Rebound-From: ${named}`}: it should name ${login.servedBy}, the server their cookie still pointed to.`,
      );
    const next = await user.get('/me');
    if (next.headers.get('x-sticky-rebound-from') !== null)
      throw new Error(
        'The answer after the takeover still says X-Sticky-Rebound-From: once re-pinned, the user is at home on the new server.',
      );
  });
});
