import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { configureCourseApp, readServerConfig } from '@sessions/course-app';
import { AppModule } from './app.module';
import { readClusterConfig } from './cluster/cluster-config';
import { createCluster } from './cluster/cluster';
import { joinCluster } from './replication/state-transfer';
import { sessionMiddleware } from './session/session.config';
import { readinessGate } from './startup/readiness.middleware';

async function bootstrap() {
  const config = readServerConfig();
  const cluster = createCluster(readClusterConfig(config.port));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, cluster),
    {
      bodyParser: false,
      logger: ['error', 'warn'],
    },
  );
  app.use(readinessGate(config.serverId, cluster.readiness));
  configureCourseApp(app, {
    serverId: config.serverId,
    session: sessionMiddleware(config, cluster.store),
  });
  await app.listen(config.port, config.host);
  // Peers keep their connections to us open for a minute: longer than Node's 5 s default,
  // so an idle connection is not closed just as a peer reuses it.
  app.getHttpServer().keepAliveTimeout = 65_000;

  await joinCluster(cluster);
  cluster.readiness.markReady();
  const transfer = cluster.stats.stateTransfer;
  console.log(
    `chapter 04 server ${config.serverId} ready on ${cluster.membership.self} (${cluster.config.clusterMode}, ${cluster.config.replicationMode}); ` +
      `peers ${cluster.membership.peers().join(', ') || 'none'}; ` +
      (transfer?.from
        ? `pulled ${transfer.sessions} sessions from ${transfer.from} in ${transfer.ms} ms`
        : 'no peer to pull from: started empty'),
  );
}

void bootstrap();
