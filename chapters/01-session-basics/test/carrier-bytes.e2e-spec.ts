import { startLab, type Lab } from '@sessions/harness';
import { measureCarrierBytes, type CarrierBytes } from '../lab/experiments/carrier-bytes';
import { lab as definition } from '../lab/lab';

describe('the carrier-bytes experiment', () => {
  let lab: Lab;
  let byCarrier: Record<string, CarrierBytes>;
  const idParameterBytes = ';jsessionid='.length + 32;

  beforeAll(async () => {
    lab = await startLab(definition);
    const results = await measureCarrierBytes(lab.url, { views: 3 });
    byCarrier = Object.fromEntries(results.map((result) => [result.carrier, result]));
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('runs the same number of requests for every carrier', () => {
    expect(byCarrier.cookie.requests).toBe(9);
    expect(byCarrier.url.requests).toBe(9);
    expect(byCarrier.header.requests).toBe(9);
  });

  it('cookie: rolling sends Set-Cookie on every response, and every request after login sends the cookie', () => {
    expect(byCarrier.cookie.responsesCarryingId).toBe(byCarrier.cookie.requests);
    expect(byCarrier.cookie.sentBytes).toBeGreaterThan(0);
  });

  it('URL rewriting: every request after login carries ;jsessionid=<id> in its path, and pages repeat it in every link', () => {
    expect(byCarrier.url.sentBytes).toBe((byCarrier.url.requests - 1) * idParameterBytes);
    expect(byCarrier.url.receivedBytes).toBeGreaterThan(byCarrier.url.requests * idParameterBytes);
  });

  it('header: the id comes back only once, on creation, and costs the fewest bytes', () => {
    expect(byCarrier.header.responsesCarryingId).toBe(1);
    const total = (r: CarrierBytes) => r.sentBytes + r.receivedBytes;
    expect(total(byCarrier.header)).toBeLessThan(total(byCarrier.cookie));
    expect(total(byCarrier.header)).toBeLessThan(total(byCarrier.url));
  });
});
