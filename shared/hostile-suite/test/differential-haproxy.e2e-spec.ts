import { startBalancer, type Balancer } from '@sessions/load-balancer';
import { framingCases } from '../src/cases/framing-cases';
import { sendRaw } from '../src/send/raw-http';
import { startHaproxyReference, type HaproxyReference } from '../src/world/haproxy-reference';
import { startRecordingBackend, type RecordingBackend } from '../src/world/recording-backend';

/**
 * The same raw request to HAProxy and to the course balancer, each in front of its own
 * strictly parsing backend that records what arrives. HAProxy is the reference: what it
 * refuses, the course balancer refuses too; and whatever the course balancer forwards
 * arrives as exactly one well-framed request.
 */
describe('each framing and path case, side by side with HAProxy', () => {
  let haproxyBackend: RecordingBackend;
  let courseBackend: RecordingBackend;
  let haproxy: HaproxyReference;
  let balancer: Balancer;

  beforeAll(async () => {
    haproxyBackend = await startRecordingBackend();
    courseBackend = await startRecordingBackend();
    haproxy = await startHaproxyReference(haproxyBackend.url);
    balancer = await startBalancer({
      servers: [{ id: '1', url: courseBackend.url }],
      // No health checks: the recording backend must see only what the cases send.
      healthCheck: { intervalMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await balancer?.close();
    await haproxy?.stop();
    await haproxyBackend?.close();
    await courseBackend?.close();
  });

  it.each(framingCases.map((c) => [c.name, c] as const))('%s', async (_name, framing) => {
    const haproxySaw = haproxyBackend.received.length;
    const courseSaw = courseBackend.received.length;
    const [viaHaproxy, viaCourse] = await Promise.all([
      sendRaw(haproxy.port, framing.bytes(`127.0.0.1:${haproxy.port}`), { giveUpMs: 6000 }),
      sendRaw(balancer.port, framing.bytes(`127.0.0.1:${balancer.port}`), { giveUpMs: 6000 }),
    ]);
    // A backend answers only once it has recorded the request, so both lists are final here.
    const byHaproxy = haproxyBackend.received.slice(haproxySaw);
    const byCourse = courseBackend.received.slice(courseSaw);
    const seen = {
      haproxy: { status: viaHaproxy.status, forwarded: byHaproxy.length },
      course: {
        status: viaCourse.status,
        forwarded: byCourse.length,
        malformed: byCourse.filter((request) => !request.ok),
      },
    };
    expect(seen.course.malformed).toEqual([]);
    expect(seen.course.forwarded).toBeLessThanOrEqual(1);
    if (seen.haproxy.forwarded === 0)
      expect({
        ...seen,
        problem: 'HAProxy refused it, the course balancer forwarded it',
      }).toMatchObject({
        course: { forwarded: 0 },
      });
    expect(viaCourse.status).toBe(framing.expectedStatus);
  });
});
