import { startBalancer, type Balancer } from '@sessions/load-balancer';
import { useDashboardPage } from './support/use-dashboard-page';

describe('the dashboard in Korean, in a real browser (LAB_LANG=ko)', () => {
  let balancer: Balancer;
  beforeAll(async () => {
    balancer = await startBalancer({ language: 'ko' });
  });
  afterAll(async () => {
    await balancer?.close();
  });
  const { page, problems } = useDashboardPage(() => ({ url: balancer.url, servers: [] }));

  it('is served as lang="ko" and its script writes the Korean labels, with no script error', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('#servers-heading').textContent()).toContain('서버');
    expect(await page.locator('#live').textContent()).toBe('실시간');
    expect(await page.locator('.request-columns').textContent()).toContain('클라이언트');
    expect(problems).toEqual([]);
  });
});
