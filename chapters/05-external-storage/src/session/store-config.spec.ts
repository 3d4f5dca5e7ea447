import { readSessionLimits, readStoreConfig } from './store-config';

describe('SESSION_STORE chooses where sessions live', () => {
  it('defaults to Redis, at REDIS_URL', () => {
    expect(readStoreConfig({ REDIS_URL: 'redis://127.0.0.1:7000' })).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:7000',
    });
  });

  it('goes through Sentinel when REDIS_SENTINELS is set', () => {
    expect(
      readStoreConfig({
        REDIS_SENTINELS: '127.0.0.1:26379, 127.0.0.1:26380',
        REDIS_MASTER_NAME: 'm',
      }),
    ).toEqual({
      kind: 'redis-sentinel',
      masterName: 'm',
      sentinels: [
        { host: '127.0.0.1', port: 26379 },
        { host: '127.0.0.1', port: 26380 },
      ],
    });
  });

  it('postgres needs DATABASE_URL, and says so', () => {
    expect(() => readStoreConfig({ SESSION_STORE: 'postgres' })).toThrow(/DATABASE_URL/);
    expect(readStoreConfig({ SESSION_STORE: 'postgres', DATABASE_URL: 'postgres://x' })).toEqual({
      kind: 'postgres',
      databaseUrl: 'postgres://x',
    });
  });

  it('refuses an unknown store or a malformed setting with a message naming it', () => {
    expect(() => readStoreConfig({ SESSION_STORE: 'mongo' })).toThrow(/SESSION_STORE/);
    expect(() => readStoreConfig({ REDIS_SENTINELS: 'nohost' })).toThrow(/host:port/);
    expect(() => readSessionLimits({ MAX_SESSIONS_PER_USER: '0' })).toThrow(
      /MAX_SESSIONS_PER_USER/,
    );
  });
});
