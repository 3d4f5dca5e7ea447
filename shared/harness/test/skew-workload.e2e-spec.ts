import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runSkewWorkload, type SkewWorkloadOptions } from '../src';

/** A stand-in for a balancer: answers every request and names a "server" chosen by `choose`. */
async function fakeBalancer(choose: (request: http.IncomingMessage) => string) {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-served-by': choose(request),
      });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const workload: SkewWorkloadOptions = {
  heavyUsers: 2,
  heavyRequests: 10,
  lightUsers: 6,
  lightRequests: 2,
  arrivalTicks: 5,
  seed: 1,
  serverIds: ['a', 'b'],
};

describe('the skew workload (unequal users arriving over time)', () => {
  it('sends one login plus every planned request, and finds an even split even', async () => {
    let turn = 0;
    const balancer = await fakeBalancer(() => (turn++ % 2 === 0 ? 'a' : 'b'));
    try {
      const result = await runSkewWorkload(balancer.url, workload);
      expect(result.requests).toBe(2 * (1 + 10) + 6 * (1 + 2));
      expect(result.requestsPerServer).toEqual({ a: 20, b: 20 });
      expect(result.maxOverMean).toBe(1);
    } finally {
      await balancer.close();
    }
  });

  it('reports max/mean 2 when one of two servers takes everything', async () => {
    const balancer = await fakeBalancer(() => 'a');
    try {
      const result = await runSkewWorkload(balancer.url, workload);
      expect(result.requestsPerServer).toEqual({ a: 40, b: 0 });
      expect(result.maxOverMean).toBe(2);
      expect(Object.values(result.heavyUsersServedBy)).toEqual([['a'], ['a']]);
    } finally {
      await balancer.close();
    }
  });
});
