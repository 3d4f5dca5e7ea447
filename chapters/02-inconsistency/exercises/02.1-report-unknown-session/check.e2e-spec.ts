import { LabClient, useLab } from '@sessions/harness';
import { lab as definition } from '../../lab/lab';

describe('exercise 02.1: a server that does not hold the session says so, with the id', () => {
  const lab = useLab(definition);

  it('the next server round-robin picks answers X-Session-Unknown: <the id from the login>', async () => {
    const user = new LabClient(lab.url, { name: 'a' });
    const login = await user.post<{ sessionId: string }>('/login', { userid: 'a' });
    const elsewhere = await user.get('/me');
    if (elsewhere.servedBy === login.servedBy)
      throw new Error(
        'round-robin sent two requests in a row to one server: the lab is not as expected',
      );
    const reported = elsewhere.headers.get('x-session-unknown');
    if (reported !== login.body.sessionId)
      throw new Error(
        `Server ${elsewhere.servedBy} does not hold the session made on server ${login.servedBy}, but its answer has ${reported === null ? 'no X-Session-Unknown header' : `X-Session-Unknown: ${reported}`}: it should name the cookie's id, ${login.body.sessionId}.`,
      );
  });

  it('the server that holds the session answers without the header', async () => {
    const user = new LabClient(lab.url, { name: 'b' });
    const login = await user.post('/login', { userid: 'b' });
    for (let i = 0; i < lab.servers.length; i++) {
      const me = await user.get('/me');
      if (me.servedBy !== login.servedBy) continue;
      const reported = me.headers.get('x-session-unknown');
      if (reported !== null)
        throw new Error(
          `Server ${me.servedBy} holds the session, yet answered X-Session-Unknown: ${reported}. Report only an id this server has no session for.`,
        );
      return;
    }
    throw new Error(`round-robin never came back to server ${login.servedBy}`);
  });
});
