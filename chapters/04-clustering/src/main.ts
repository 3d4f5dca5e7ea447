import 'reflect-metadata';
import { inspectStore, readServerConfig, startCourseServer } from '@sessions/course-app';
import { readClusterConfig } from './cluster/cluster-config';
import { createCluster, replicationFigures } from './cluster/cluster';
import { ClusterModule } from './cluster/cluster.module';
import { joinCluster } from './replication/state-transfer';
import { readinessGate } from './startup/readiness.middleware';

async function bootstrap() {
  const config = readServerConfig();
  const cluster = createCluster(readClusterConfig(config.port));
  const { clusterMode, replicationMode } = cluster.config;
  const app = await startCourseServer(config, {
    name: 'chapter 04',
    variant: `${clusterMode}, ${replicationMode}`,
    chapterTitle: `Chapter 04 · session clustering (${clusterMode}, ${replicationMode})`,
    chapterModule: ClusterModule.register(cluster),
    first: [readinessGate(config.serverId, cluster.readiness)],
    // #region replicated-session
    // The only line that differs from chapter 02: the store. express-session still keeps the
    // session in this process, but the store also sends every change to the other servers.
    store: cluster.store,
    // #endregion replicated-session
    inspector: inspectStore(cluster.store, replicationFigures(cluster)),
  });
  // Peers keep their connections to us open for a minute: longer than Node's 5 s default,
  // so an idle connection is not closed just as a peer reuses it.
  app.getHttpServer().keepAliveTimeout = 65_000;

  await joinCluster(cluster);
  cluster.readiness.markReady();
  const transfer = cluster.stats.stateTransfer;
  console.log(
    `chapter 04 server ${config.serverId} ready on ${cluster.membership.self}; ` +
      `peers ${cluster.membership.peers().join(', ') || 'none'}; ` +
      (transfer?.from
        ? `pulled ${transfer.sessions} sessions from ${transfer.from} in ${transfer.ms} ms`
        : 'no peer to pull from: started empty'),
  );
}

void bootstrap();
