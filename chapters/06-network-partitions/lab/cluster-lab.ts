import type { LabDefinition } from '@sessions/harness';

/** The key the servers sign replication messages with. Never a real secret. */
export const labClusterSecret = 'lab-cluster-secret-not-for-production';

// #region cluster-lab
/**
 * `npm start -- 06`: chapter 04's replicating servers, each on a network host of its own
 * (s1, s2, s3 at 10.213.N.11-13), behind round-robin. The dashboard cuts and heals links.
 */
export const clusterOnHosts: LabDefinition = {
  chapter: '04-clustering',
  title: 'Chapter 06 · when the network fails: chapter 04’s cluster, one host per server',
  servers: 3,
  strategy: 'round-robin',
  network: 'hosts',
  serverEnv: (server, all) => ({
    SELF_URL: server.url,
    PEERS: all
      .filter((other) => other.id !== server.id)
      .map((other) => other.url)
      .join(','),
    CLUSTER_SECRET: labClusterSecret,
  }),
  tryThis: [
    'Log in as "a" and add to the cart: every server knows you, as in chapter 04.',
    'Dashboard: isolate "s1". Add "left" while the balancer sends you to s1 and "right" while it sends you to s2: both answer 200.',
    'Reload a few times: your cart flips between the two sides. Then heal-all, add one more item, and see which side survived.',
    'Experiments: npm run experiment -w chapters/06-network-partitions',
  ],
};
// #endregion cluster-lab
