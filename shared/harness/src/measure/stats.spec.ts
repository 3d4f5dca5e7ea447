import { countBy, maxOverMean, median, percentile, summarizeLatency } from './stats';

describe('stats', () => {
  it('takes the nearest-rank percentile', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
  });

  it('takes the middle value as the median, or the mean of the two middle ones for an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('summarises latencies', () => {
    expect(summarizeLatency([1, 2, 3, 4])).toMatchObject({ count: 4, p50: 2, max: 4, mean: 2.5 });
  });

  it('reports an even load as max/mean 1 and a skewed one above 1', () => {
    expect(maxOverMean({ 1: 10, 2: 10, 3: 10 })).toBe(1);
    expect(maxOverMean({ 1: 20, 2: 5, 3: 5 })).toBe(2);
    expect(maxOverMean({ 1: 6 }, ['1', '2', '3'])).toBe(3);
  });

  it('counts items per group', () => {
    expect(countBy(['1', '2', '1', null], (x) => x)).toEqual({ 1: 2, 2: 1, none: 1 });
  });
});
