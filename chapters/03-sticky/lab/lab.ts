import type { LabDefinition } from '@sessions/harness';
import { balancerStrategyFor, readStickyMode, type StickyMode } from '../src/sticky/sticky-mode';

// #region lab
/** Three servers with in-memory sessions, behind a balancer that keeps each user on one server. */
export function labFor(mode: StickyMode): LabDefinition {
  return {
    chapter: '03-sticky',
    title: `Chapter 03 · sticky sessions (스티키 세션), ${mode} mode`,
    servers: 3,
    strategy: balancerStrategyFor[mode],
    serverEnv: () => ({ STICKY_MODE: mode }),
    // `npm start -- 03 --balancer haproxy|nginx`: the same servers behind the real thing.
    realBalancers: {
      haproxy: { config: `haproxy/haproxy-${mode === 'app' ? 'app-cookie' : 'insert'}.cfg` },
      nginx:
        mode === 'app'
          ? { config: 'nginx/nginx-app-cookie.conf.template' }
          : {
              unavailable:
                "nginx 1.22 (Debian's) cannot insert a cookie of its own: run chapter 03 in app mode with --balancer nginx (STICKY_MODE=app)",
            },
    },
    tryThis: [
      'Open the URL, log in as "a", reload: the same server answers every time, and you stay logged in.',
      'On the dashboard, kill the server that holds you, then reload: another server answers, and you are logged out.',
      'curl: c=$(mktemp); curl -s -c $c -b $c -XPOST {url}/login -H "content-type: application/json" -d \'{"userid":"a"}\'; for i in 1 2 3; do curl -s -c $c -b $c {url}/me; echo; done; grep -E "server|SERVERID" $c',
      `The other mode: npm start -- 03 --strategy ${mode === 'app' ? 'insert' : 'app'}`,
      'Experiments: npm run experiment -w chapters/03-sticky',
    ],
  };
}

/** `npm start -- 03` (STICKY_MODE=app, the default) or `npm start -- 03 --strategy insert`. */
export const lab: LabDefinition = labFor(readStickyMode());
// #endregion lab

/** Each mode by name, for the suites and the lab catalog. */
export const labModes = {
  app: () => labFor('app'),
  insert: () => labFor('insert'),
} satisfies Record<StickyMode, () => LabDefinition>;
