import { readClusterConfig } from './cluster-config';

const secret = { CLUSTER_SECRET: 'a-long-enough-cluster-secret' };

describe('reading the cluster settings from the environment', () => {
  it('defaults to asynchronous all-to-all replication without delay', () => {
    const config = readClusterConfig(3001, {
      ...secret,
      PEERS: 'http://127.0.0.1:3002, http://127.0.0.1:3003',
    });
    expect(config).toMatchObject({
      selfUrl: 'http://127.0.0.1:3001',
      peers: ['http://127.0.0.1:3002', 'http://127.0.0.1:3003'],
      replicationMode: 'async',
      clusterMode: 'all-to-all',
      replicationDelayMs: 0,
    });
  });

  it('leaves itself out of its own peer list', () => {
    const config = readClusterConfig(3001, {
      ...secret,
      PEERS: 'http://127.0.0.1:3001,http://127.0.0.1:3002',
    });
    expect(config.peers).toEqual(['http://127.0.0.1:3002']);
  });

  it('refuses settings it does not understand, with a message that says what is expected', () => {
    expect(() => readClusterConfig(1, { ...secret, REPLICATION_MODE: 'eventually' })).toThrow(
      /async or sync/,
    );
    expect(() => readClusterConfig(1, { ...secret, CLUSTER_MODE: 'mesh' })).toThrow(
      /all-to-all or primary-backup/,
    );
    expect(() => readClusterConfig(1, { ...secret, REPLICATION_DELAY_MS: '-5' })).toThrow(
      /REPLICATION_DELAY_MS/,
    );
    expect(() => readClusterConfig(1, { ...secret, PEERS: 'http://127.0.0.1:3002/admin' })).toThrow(
      /bare base URL/,
    );
    expect(() => readClusterConfig(1, { CLUSTER_SECRET: 'short' })).toThrow(/at least 16/);
  });
});
