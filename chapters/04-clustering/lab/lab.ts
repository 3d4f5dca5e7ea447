import { freshSecret, type LabDefinition } from '@sessions/harness';

/** The key this run's servers sign replication messages with: made fresh for every run. */
export const labClusterSecret = freshSecret();

// #region lab
/**
 * `npm start -- 04`: three servers that replicate every session to each other, behind
 * plain round-robin. Each one is told the others' addresses (PEERS); a server added later
 * announces itself to them.
 */
export const lab: LabDefinition = {
  chapter: '04-clustering',
  title: 'Chapter 04 · session clustering (세션 클러스터링)',
  servers: 3,
  // "add server" starts these; their addresses are known from the start, so every server can
  // be told exactly who may ever join (CLUSTER_MEMBERS).
  spareServers: 3,
  strategy: 'round-robin',
  serverEnv: (server, all, planned) => ({
    SELF_URL: server.url,
    PEERS: all
      .filter((other) => other.id !== server.id)
      .map((other) => other.url)
      .join(','),
    CLUSTER_MEMBERS: planned.map((member) => member.url).join(','),
    CLUSTER_SECRET: labClusterSecret,
  }),
  tryThis: [
    'Open the URL, log in as "a", then reload: the server changes each time and every one of them knows you.',
    'curl: c=$(mktemp); curl -s -c $c -b $c -XPOST {url}/login -H "content-type: application/json" -d \'{"userid":"a"}\'; for i in 1 2 3; do curl -s -b $c {url}/me; echo; done',
    'Replication figures of one server (messages, bytes on the wire, rejected, lag): the "Servers" addresses above + /__internal/stats',
    'Dashboard: "add server" starts server 4; it announces itself, pulls every session, then joins the pool.',
    'Slow replication: REPLICATION_DELAY_MS=500 npm start -- 04 (or REPLICATION_MODE=sync, CLUSTER_MODE=primary-backup)',
    'Experiments: npm run experiment -w chapters/04-clustering',
  ],
};
// #endregion lab
