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
    tryThis: [
      'Open the URL, log in as "a", reload: the same server answers every time, and you stay logged in.',
      'On the dashboard, kill the server that holds you, then reload: another server answers, and you are logged out.',
      'curl: c=$(mktemp); curl -s -c $c -b $c -XPOST {url}/login -H "content-type: application/json" -d \'{"userid":"a"}\'; for i in 1 2 3; do curl -s -c $c -b $c {url}/me; echo; done; grep -E "server|SERVERID" $c',
      `The other mode: STICKY_MODE=${mode === 'app' ? 'insert' : 'app'} npm start -- 03`,
      'Experiments: npm run experiment -w chapters/03-sticky',
    ],
  };
}

/** `npm start -- 03` (STICKY_MODE=app, the default) or `STICKY_MODE=insert npm start -- 03`. */
export const lab: LabDefinition = labFor(readStickyMode());
// #endregion lab
