import type { LabDefinition } from '@sessions/harness';

/** `npm start -- 02`: three servers, each with its own in-memory sessions, behind round-robin. */
export const lab: LabDefinition = {
  chapter: '02-inconsistency',
  title: 'Chapter 02 · session inconsistency (세션 불일치)',
  servers: 3,
  strategy: 'round-robin',
  tryThis: [
    'Open the URL, log in as "a", then reload: the server changes each time, and two of three reloads say "not logged in".',
    'curl: c=$(mktemp); curl -s -c $c -b $c -XPOST {url}/login -H "content-type: application/json" -d \'{"userid":"a"}\'; for i in 1 2 3; do curl -s -b $c {url}/me; echo; done',
    'Experiment: npm run experiment -w chapters/02-inconsistency',
  ],
};
