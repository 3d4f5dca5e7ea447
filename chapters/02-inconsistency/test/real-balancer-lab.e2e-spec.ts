import { LabClient, type RealBalancerKind, useLab } from '@sessions/harness';
import { lab as definition } from '../lab/lab';

interface Me {
  server: string;
  userid: string | null;
}

describe.each<RealBalancerKind>(['haproxy', 'nginx'])(
  'chapter 02 behind %s (npm start -- 02 --balancer %s)',
  (kind) => {
    const lab = useLab(definition, { realBalancer: { kind } });

    it('loses the session on the servers that did not create it, exactly as behind the course balancer', async () => {
      expect(lab.url).toBe(lab.realBalancer?.url);
      const user = new LabClient(lab.url);
      const login = await user.post<{ server: string }>('/login', { userid: kind });

      const answers: Me[] = [];
      for (let i = 0; i < 6; i++) answers.push((await user.get<Me>('/me')).body);

      // Round-robin over three: every server answers twice, and only the login's knows the user.
      expect(new Set(answers.map((answer) => answer.server))).toEqual(new Set(['1', '2', '3']));
      for (const answer of answers)
        expect({ server: answer.server, userid: answer.userid }).toEqual({
          server: answer.server,
          userid: answer.server === login.body.server ? kind : null,
        });
      expect(answers.filter((answer) => answer.userid === kind)).toHaveLength(2);
    });
  },
);
