import { withThreeBackends } from './support/three-backends';
import { servedBy } from './support/tiny-backend';

describe('round-robin behind the balancer', () => {
  const world = withThreeBackends({
    strategy: 'round-robin',
  });

  it('sends each request to the next server in turn', async () => {
    const sequence: string[] = [];
    for (let i = 0; i < 6; i++) sequence.push(await servedBy(`${world.balancer.url}/me`));
    expect(sequence).toEqual(['1', '2', '3', '1', '2', '3']);
  });

  it('counts the requests each server received in /__lb/state', async () => {
    for (let i = 0; i < 4; i++) await servedBy(`${world.balancer.url}/me`);
    const state = (await (await fetch(`${world.balancer.url}/__lb/state`)).json()) as {
      strategy: string;
      servers: Array<{ id: string; requests: number }>;
    };
    expect(state.strategy).toBe('round-robin');
    expect(state.servers.map((s) => [s.id, s.requests])).toEqual([
      ['1', 2],
      ['2', 1],
      ['3', 1],
    ]);
  });

  it('streams one event per request saying which server and why', async () => {
    const controller = new AbortController();
    const response = await fetch(`${world.balancer.url}/__lb/events`, {
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read(); // the ": connected" comment
    await servedBy(`${world.balancer.url}/cart?x=1`, { headers: { 'x-lab-client': 'user-7' } });
    await servedBy(`${world.balancer.url}/me`);
    let text = '';
    while ((text.match(/^data: /gm) ?? []).length < 2)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)));
    expect(events[0]).toMatchObject({
      client: 'user-7',
      method: 'GET',
      path: '/cart?x=1',
      server: '1',
      reason: 'round-robin',
      status: 200,
    });
    expect(events[1]).toMatchObject({ client: 'you', server: '2' });
    expect(typeof events[1].ms).toBe('number');
  });

  it('replaces X-Forwarded-* headers the client sent with its own', async () => {
    await fetch(`${world.balancer.url}/me`, {
      headers: {
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        forwarded: 'for=6.6.6.6',
      },
    });
    const seen = world.backends[0].received.at(-1)!;
    expect(seen['x-forwarded-for']).toBe('127.0.0.1');
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(seen['x-forwarded-host']).toBe(new URL(world.balancer.url).host);
    expect(seen.forwarded).toBeUndefined();
  });

  it('passes a POST body through unchanged', async () => {
    const response = await fetch(`${world.balancer.url}/login`, {
      method: 'POST',
      body: '{"userid":"a"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(world.backends[0].received.at(-1)!['content-length']).toBe('14');
  });
});
