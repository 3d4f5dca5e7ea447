import type { LabDefinition } from '@sessions/harness';

/** `npm start -- 01`: one server, no balancer: how a single server recognises a client again. */
export const lab: LabDefinition = {
  chapter: '01-session-basics',
  title: 'Chapter 01 · session basics: cookies, URL rewriting, a header',
  servers: 1,
  strategy: false,
  tryThis: [
    'Open the URL and log in: the page shows the session id and the cookie that carries it. Then block cookies for the site and log in again: the links carry ;jsessionid= instead.',
    'Cookie: curl -si -XPOST {url}/login -H "content-type: application/json" -d \'{"userid":"a"}\' | grep -i set-cookie',
    'URL rewriting: curl -si -XPOST {url}/form/login -d userid=a | grep -i location   then   curl -s "{url}/me;jsessionid=<id>"',
    'Header: curl -si -XPOST {url}/api/login -H "content-type: application/json" -d \'{"userid":"a"}\' | grep -i x-auth-token   then   curl -s {url}/api/me -H "X-Auth-Token: <id>"',
  ],
};
