import { openChromium, type ChromiumSession } from '@sessions/harness';
import { startBalancer, type Balancer } from '@sessions/load-balancer';
import type { Page } from 'playwright-core';
import { openDashboard } from '../src/dashboard-page';

describe('the dashboard in Korean, in a real browser (LAB_LANG=ko)', () => {
  let browser: ChromiumSession;
  let balancer: Balancer;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    balancer = await startBalancer({ language: 'ko' });
    browser = await openChromium();
    page = await openDashboard(browser.context, { url: balancer.url, servers: [] }, problems);
  });
  afterAll(async () => {
    await browser?.close();
    await balancer?.close();
  });

  it('is served as lang="ko" and its script writes the Korean labels, with no script error', async () => {
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('#servers-heading').textContent()).toContain('서버');
    expect(await page.locator('#live').textContent()).toBe('실시간');
    expect(await page.locator('.request-columns').textContent()).toContain('클라이언트');
    expect(problems).toEqual([]);
  });
});
