import { linkBadge, linkCondition, linkDescription } from './link-view';
import type { NetworkLink } from './types';

const link = (fields: Partial<NetworkLink> = {}): NetworkLink => ({
  between: ['s1', 's2'],
  cut: false,
  lossPercent: 0,
  ...fields,
});

describe('how a network link reads on the dashboard', () => {
  it('reads as a plain link when the lab reports no delay fields at all', () => {
    expect(linkCondition(link())).toBe('up');
    expect(linkBadge(link())).toBe('');
    expect(linkDescription(link())).toBe('s1 - s2: up');
  });

  it('shows the delay and its jitter when the lab reports them', () => {
    const delayed = link({ delayMs: 50, jitterMs: 10 });
    expect(linkCondition(delayed)).toBe('delayed');
    expect(linkBadge(delayed)).toBe('50 ms ± 10 ms');
    expect(linkDescription(delayed)).toBe('s1 - s2: up · delay 50 ms ± 10 ms each way');
  });

  it('treats a zero delay like no delay, and leaves the jitter out when it is zero', () => {
    expect(linkCondition(link({ delayMs: 0, jitterMs: 0 }))).toBe('up');
    expect(linkBadge(link({ delayMs: 80, jitterMs: 0 }))).toBe('80 ms');
  });

  it('puts a cut before loss and loss before delay, and lists all of them', () => {
    const everything = link({ cut: true, lossPercent: 20, delayMs: 5 });
    expect(linkCondition(everything)).toBe('cut');
    expect(linkCondition({ ...everything, cut: false })).toBe('lossy');
    expect(linkBadge(everything)).toBe('20 % · 5 ms');
    expect(linkDescription(everything)).toBe('s1 - s2: cut · 20 % loss · delay 5 ms each way');
  });
});
