import { LabClient, useLab } from '@sessions/harness';
import { lab as definition } from '../../lab/lab';

interface Me {
  sessionId: string | null;
  userid: string | null;
}

describe('exercise 02.4: a session id ends with the id of the server that made it', () => {
  const lab = useLab(definition);

  it('every login gets <32 random characters>.<server id>, and the session still works on its server', async () => {
    for (const name of ['a', 'b', 'c']) {
      const user = new LabClient(lab.url, { name });
      const login = await user.post<{ sessionId: string }>('/login', { userid: name });
      const expected = new RegExp(`^[A-Za-z0-9_-]{32}\\.${login.servedBy}$`);
      if (!expected.test(login.body.sessionId))
        throw new Error(
          `Server ${login.servedBy} made the session id ${login.body.sessionId}: it should be 32 random base64url characters, a dot and the server's id ("….${login.servedBy}").`,
        );
      for (let i = 0; i < lab.servers.length; i++) {
        const me = await user.get<Me>('/me');
        if (me.servedBy === login.servedBy && me.body.userid !== name)
          throw new Error(
            `With the id ${login.body.sessionId}, server ${login.servedBy} no longer finds its own session.`,
          );
      }
    }
  });
});
