import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ReplicationController } from '../replication/replication.controller';
import { CLUSTER, type Cluster } from './cluster';

/** Closes the keep-alive connections to the peers when the server stops. */
class ClusterShutdown implements OnApplicationShutdown {
  constructor(@Inject(CLUSTER) private readonly cluster: Cluster) {}

  onApplicationShutdown(): void {
    this.cluster.client.close();
  }
}

/** What this chapter adds beside the course API: the replication endpoints and the cluster. */
@Module({})
export class ClusterModule {
  static register(cluster: Cluster): DynamicModule {
    return {
      module: ClusterModule,
      controllers: [ReplicationController],
      providers: [{ provide: CLUSTER, useValue: cluster }, ClusterShutdown],
    };
  }
}
