import { ChapterServer, isHealthy, LabClient, runningProcesses } from '../src';

/** One chapter 02 server for every test of this file; the ones that kill or pause it restore it. */
let server: ChapterServer;

beforeAll(async () => {
  server = await ChapterServer.start({ chapter: '02', id: '5' });
});
afterAll(async () => {
  await server?.stop();
});

describe('a chapter server process started by the harness', () => {
  it('answers with its SERVER_ID once /health is up', async () => {
    const client = new LabClient(server.url);
    const me = await client.get('/me');
    expect(me.servedBy).toBe('5');
  });

  it('keeps the cookie in a real jar and sends it back', async () => {
    const client = new LabClient(server.url, { name: 'jar-test' });
    await client.post('/login', { userid: 'a' });
    expect(await client.cookie('sid')).toMatch(/^s%3A/);
    expect((await client.get<{ userid: string }>('/me')).body.userid).toBe('a');
  });

  it('when killed with SIGKILL, loses every session; restarted on the same port, it answers again', async () => {
    const client = new LabClient(server.url);
    await client.post('/login', { userid: 'a' });
    const port = server.port;

    await server.kill();
    expect(await isHealthy(server.url)).toBe(false);
    await server.start();

    expect(server.port).toBe(port);
    expect((await client.get<{ userid: string | null }>('/me')).body.userid).toBeNull();
  });

  it('when paused with SIGSTOP, stops answering until resumed', async () => {
    server.pause();
    expect(await isHealthy(server.url)).toBe(false);
    server.resume();
    expect(await isHealthy(server.url)).toBe(true);
  });

  it('is tracked, so nothing outlives the tests', () => {
    expect(runningProcesses().map((p) => p.pid)).toContain(server.pid);
  });
});

describe('a client without a cookie jar', () => {
  it('never sends the session cookie back, so the server does not know it', async () => {
    const client = new LabClient(server.url, { cookies: false });
    await client.post('/login', { userid: 'a' });
    expect((await client.get<{ userid: string | null }>('/me')).body.userid).toBeNull();
  });
});

describe('a chapter server whose port another process took before it could listen', () => {
  it('fails to start and says why, even though something on that port answers /health', async () => {
    // Another run's server on the port, as after a race between freePort() and listen().
    const squatter = await ChapterServer.start({ chapter: '02', id: '1' });
    try {
      const starting = ChapterServer.start({ chapter: '02', id: '1', port: squatter.port });
      await expect(starting).rejects.toThrow(/exited while starting[\s\S]*EADDRINUSE/);
      expect(await isHealthy(squatter.url)).toBe(true);
    } finally {
      await squatter.stop();
    }
  });
});
