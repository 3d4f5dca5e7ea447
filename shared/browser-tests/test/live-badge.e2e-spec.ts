import http from 'node:http';
import { busyMachineSlackMs, openChromium, waitFor, type ChromiumSession } from '@sessions/harness';
import { startBalancer, type Balancer } from '@sessions/load-balancer';
import type { Page } from 'playwright-core';
import { openDashboard } from '../src/dashboard-page';

// The page's own rhythm (dashboard.ts): the state is read every second, and a stream the
// browser gave up on is opened again after two.
const statePollMs = 1_000;
const streamRetryMs = 2_000;

async function badge(page: Page): Promise<string> {
  const live = page.locator('#live');
  return `${await live.getAttribute('data-state')}: ${await live.textContent()}`;
}

async function badgeReads(page: Page, expected: string, withinMs: number): Promise<void> {
  await waitFor(
    async () => (await badge(page)) === expected,
    `the live badge to read "${expected}" (it reads "${await badge(page)}")`,
    withinMs + busyMachineSlackMs,
  );
}

/** Takes one of the balancer's event-stream places and keeps it until `release` is called. */
async function holdEventStream(url: string): Promise<{ release: () => void }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/__lb/events`, (response) => {
      if (response.statusCode !== 200)
        return reject(new Error(`the event stream answered ${response.statusCode}`));
      resolve({ release: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

describe("the dashboard's live badge says what is true now, and recovers", () => {
  let balancer: Balancer;
  let browser: ChromiumSession;
  beforeAll(async () => {
    balancer = await startBalancer();
    browser = await openChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await balancer?.close();
  });

  it('reads "balancer not reachable" while the state cannot be read, and "live" again once it can', async () => {
    const page = await openDashboard(browser.context, { url: balancer.url, servers: [] });
    await page.route('**/__lb/state', (route) => route.abort('connectionrefused'));
    await badgeReads(page, 'lost: balancer not reachable', statePollMs);
    await page.unroute('**/__lb/state');
    await badgeReads(page, 'live: live', statePollMs);
    await page.close();
  });

  it('keeps asking when the balancer turns its event stream away (503, every place taken), and goes live once a place is free', async () => {
    // One event-stream reader at most, so the test can take the only place.
    const crowded = await startBalancer({ maxEventSubscribers: 1 });
    const reader = await holdEventStream(crowded.url);
    const page = await browser.context.newPage();
    try {
      await page.goto(`${crowded.url}/__lb/`);
      await badgeReads(page, 'lost: reconnecting…', statePollMs);
      reader.release();
      await badgeReads(page, 'live: live', streamRetryMs);
    } finally {
      reader.release();
      await page.close();
      await crowded.close();
    }
  });
});
