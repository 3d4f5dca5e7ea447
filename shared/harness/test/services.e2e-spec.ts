import { existsSync } from 'node:fs';
import { redisCommand, runningProcesses, startPostgres, startRedis } from '../src';

const dataDirOf = (args: readonly string[]) => args[args.indexOf('--dir') + 1];

describe('service starters', () => {
  it('a Redis without persistence forgets everything on restart, on the same port', async () => {
    const redis = await startRedis();
    try {
      await redis.command('SET', 'k', 'v');
      const port = redis.port;
      await redis.restart();
      expect(redis.port).toBe(port);
      expect(await redis.command('GET', 'k')).toBeNull();
    } finally {
      await redis.stop();
    }
  });

  it('a Redis with an append-only file keeps its data across kill -9, and stop() deletes its folder', async () => {
    const redis = await startRedis({ appendonly: true });
    const spawned = runningProcesses().find((p) => p.pid === redis.pid)!;
    const dir = dataDirOf(spawned.spawnargs);
    await redis.command('SET', 'k', 'v');
    await redis.restart({ crash: true });
    expect(await redis.command('GET', 'k')).toBe('v');

    await redis.stop();

    expect(existsSync(dir)).toBe(false);
    expect(runningProcesses().some((p) => p.pid === redis.pid)).toBe(false);
  });

  it('a replica started with replicaOf copies the primary', async () => {
    const primary = await startRedis();
    const replica = await startRedis({
      replicaOf: { port: primary.port },
      password: primary.password,
    });
    try {
      await primary.command('SET', 'k', 'copied');
      let value: unknown = null;
      for (let i = 0; i < 100 && value !== 'copied'; i++) {
        value = await redisCommand(replica.port, ['GET', 'k'], { password: replica.password });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(value).toBe('copied');
    } finally {
      await replica.stop();
      await primary.stop();
    }
  });

  it('a throwaway PostgreSQL cluster starts, restarts on its port, and leaves nothing when stopped', async () => {
    const postgres = await startPostgres();
    const port = postgres.port;
    const args = runningProcesses().find((p) => p.spawnargs.includes(`${port}`))!.spawnargs;
    const dataDir = args[args.indexOf('-D') + 1];
    expect(existsSync(dataDir)).toBe(true);
    await postgres.restart();
    expect(postgres.alive).toBe(true);
    expect(postgres.address).toBe(`127.0.0.1:${port}`);
    await postgres.stop();
    expect(postgres.alive).toBe(false);
    expect(existsSync(dataDir)).toBe(false);
  });
});
