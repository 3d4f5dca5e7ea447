import { LabClient, startLab, type Lab } from '@sessions/harness';
import { lab as definition } from '../../lab/lab';

interface Me {
  userid: string | null;
}

/** Logs in through the page's form without a cookie jar; returns the id the redirect carries. */
async function loginWithoutCookies(baseUrl: string): Promise<string> {
  const response = await fetch(new URL('/form/login', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'userid=a',
    redirect: 'manual',
  });
  const id = /;jsessionid=([A-Za-z0-9_-]{32})/.exec(response.headers.get('location') ?? '')?.[1];
  if (!id) throw new Error('the login form did not redirect to a URL carrying ;jsessionid=');
  return id;
}

describe('exercise 01.1: an id in the URL is refused when the link was on another site', () => {
  let lab: Lab;
  let id: string;
  const noCookies = () => new LabClient(lab.url, { cookies: false });

  beforeAll(async () => {
    lab = await startLab(definition);
    id = await loginWithoutCookies(lab.url);
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('a link on another site that carries a real id reaches no session', async () => {
    const referer = 'http://forum.example/thread/42';
    const me = await noCookies().get<Me>(`/me;jsessionid=${id}`, { referer });
    if (me.body.userid !== null)
      throw new Error(
        `GET /me;jsessionid=<id> with "Referer: ${referer}" reached user "${me.body.userid}": an id in a link on another site is still accepted. Ignore ;jsessionid= when the Referer names another host.`,
      );
  });

  it('the same id still works from this site, or with no Referer at all', async () => {
    const ownPage = `${lab.url}/cart`;
    for (const headers of [{ referer: ownPage }, {}]) {
      const me = await noCookies().get<Me>(`/me;jsessionid=${id}`, headers);
      if (me.body.userid !== 'a')
        throw new Error(
          `GET /me;jsessionid=<id> ${'referer' in headers ? `with "Referer: ${ownPage}"` : 'without a Referer'} no longer reaches the session: only links on other sites must be refused.`,
        );
    }
  });
});
