import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CourseModule, inspectStore, type ServerConfig } from '@sessions/course-app';
import { CLUSTER, replicationFigures, type Cluster } from './cluster/cluster';
import { ReplicationController } from './replication/replication.controller';
import { sessionCookieName } from './session/session.config';

/** Closes the keep-alive connections to the peers when the server stops. */
class ClusterShutdown implements OnApplicationShutdown {
  constructor(@Inject(CLUSTER) private readonly cluster: Cluster) {}

  onApplicationShutdown(): void {
    this.cluster.client.close();
  }
}

@Module({})
export class AppModule {
  static register(config: ServerConfig, cluster: Cluster): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CourseModule.register({
          serverId: config.serverId,
          chapterTitle: `Chapter 04 · session clustering (${cluster.config.clusterMode}, ${cluster.config.replicationMode})`,
          inspector: inspectStore(cluster.store, replicationFigures(cluster)),
          cookieName: sessionCookieName,
        }),
      ],
      controllers: [ReplicationController],
      providers: [{ provide: CLUSTER, useValue: cluster }, ClusterShutdown],
    };
  }
}
