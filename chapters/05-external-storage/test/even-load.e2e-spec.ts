import { courseSkewWorkload, measureEvenLoad, useLab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';

describe("chapter 03's unequal users on a shared store", () => {
  const lab = useLab(externalStorageLab('redis'));

  it('spread evenly over the three servers, and every request finds its session', async () => {
    // Chapter 03's mix, scaled down for the test: few heavy users, many light ones.
    const result = await measureEvenLoad(lab, {
      ...courseSkewWorkload,
      heavyRequests: 20,
      lightUsers: 20,
      arrivalTicks: 10,
    });

    expect(result.requestsWithoutSession).toBe(0);
    // Round-robin: the busiest server gets at most one request per tick more than the others.
    expect(result.maxOverMean).toBeLessThan(1.1);
    expect(Object.keys(result.requestsPerServer)).toEqual(['1', '2', '3']);
  });
});
