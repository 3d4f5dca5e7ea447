import { randomBytes } from 'node:crypto';
import { openChromium, waitFor, type ChromiumSession } from '@sessions/harness';
import { startBalancer, type Balancer, type ControlHandler } from '@sessions/load-balancer';
import type { Page } from 'playwright-core';
import { openDashboard } from '../src/dashboard-page';

interface Link {
  between: [string, string];
  cut: boolean;
  lossPercent: number;
  delayMs?: number;
  jitterMs?: number;
}

/**
 * A balancer whose state carries a lab network, as `--network hosts` reports it, and whose
 * link controls change that network and remember what they were sent: the page is what is
 * under test here, not the namespaces (test/host-network in harness covers those).
 */
async function balancerWithNetwork(links: Link[], withDelay: boolean) {
  const token = randomBytes(16).toString('hex');
  const sent: Array<{ action: string; params: Record<string, unknown> }> = [];
  const find = (params: Record<string, unknown>) => {
    const link = links.find(
      ({ between }) => between.includes(String(params.a)) && between.includes(String(params.b)),
    );
    if (!link) throw new Error(`no link ${String(params.a)} - ${String(params.b)}`);
    return link;
  };
  const record =
    (action: string, change: (link: Link, params: Record<string, unknown>) => void) =>
    async (params: Record<string, unknown>) => {
      sent.push({ action, params });
      change(find(params), params);
      return { [action]: `${String(params.a)} - ${String(params.b)}` };
    };
  const handlers: Record<string, ControlHandler> = {
    'cut-link': record('cut-link', (link) => (link.cut = true)),
    'heal-link': record('heal-link', (link) => (link.cut = false)),
    'link-loss': record('link-loss', (link, params) => (link.lossPercent = Number(params.percent))),
    ...(withDelay
      ? {
          'link-delay': record('link-delay', (link, params) => {
            link.delayMs = Number(params.ms);
            link.jitterMs = Number(params.jitterMs);
          }),
        }
      : {}),
  };
  const balancer = await startBalancer({
    control: { token, handlers },
    describe: () => ({
      network: {
        subnet: '10.213.7.0/24',
        hosts: [
          { name: 'balancer', address: '10.213.7.1', namespace: null },
          { name: 's1', address: '10.213.7.11', namespace: 'sas-1-s1' },
          { name: 's2', address: '10.213.7.12', namespace: 'sas-1-s2' },
        ],
        links,
      },
    }),
  });
  return { balancer, sent };
}

const link = (page: Page, key: string) => page.locator(`line[data-link="${key}"]`);

describe("the dashboard's network map in a real browser", () => {
  let browser: ChromiumSession;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await openChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The dashboard of a balancer with this network, open for the tests of one block. */
  function useNetworkPage(links: Link[], withDelay: boolean) {
    const opened = {} as {
      page: Page;
      sent: Awaited<ReturnType<typeof balancerWithNetwork>>['sent'];
    };
    let balancer: Balancer | undefined;
    beforeAll(async () => {
      let sent;
      ({ balancer, sent } = await balancerWithNetwork(links, withDelay));
      opened.sent = sent;
      opened.page = await openDashboard(
        browser.context,
        { url: balancer.url, servers: [] },
        problems,
      );
      await opened.page.locator('#network-panel:not([hidden])').waitFor();
    });
    afterAll(async () => {
      await opened.page?.close();
      await balancer?.close();
    });
    return opened;
  }

  describe('with a lab that reports and sets link delays', () => {
    const opened = useNetworkPage(
      [
        { between: ['balancer', 's1'], cut: false, lossPercent: 0, delayMs: 0, jitterMs: 0 },
        { between: ['balancer', 's2'], cut: false, lossPercent: 0, delayMs: 40, jitterMs: 5 },
        { between: ['s1', 's2'], cut: true, lossPercent: 0, delayMs: 0, jitterMs: 0 },
      ],
      true,
    );

    it('draws each link in its condition and writes the delay and jitter the lab reports beside it', async () => {
      expect(await link(opened.page, 'balancer|s1').getAttribute('data-condition')).toBe('up');
      expect(await link(opened.page, 'balancer|s2').getAttribute('data-condition')).toBe('delayed');
      expect(await link(opened.page, 's1|s2').getAttribute('data-condition')).toBe('cut');
      expect(await opened.page.locator('.network-link-badge').allTextContents()).toEqual([
        '40 ms ± 5 ms',
      ]);
    });

    it("sets the selected link's delay and jitter with link-delay, and then shows them", async () => {
      await link(opened.page, 'balancer|s1').dispatchEvent('click');
      const controls = opened.page.locator('.network-link-controls[data-link="balancer|s1"]');
      await controls.waitFor();
      await controls.locator('input[aria-label="delay ms"]').fill('120');
      await controls.locator('input[aria-label="jitter ms"]').fill('20');
      await controls.locator('button[data-action="link-delay"]').click();

      await waitFor(() => opened.sent.length > 0, 'the page to send link-delay');
      expect(opened.sent).toEqual([
        { action: 'link-delay', params: { a: 'balancer', b: 's1', ms: 120, jitterMs: 20 } },
      ]);
      await opened.page.locator('.network-link-badge', { hasText: '120 ms ± 20 ms' }).waitFor();
      expect(await controls.locator('.network-link-title').textContent()).toBe(
        'balancer - s1: up · delay 120 ms ± 20 ms each way',
      );
    });

    it('heals a cut link from the same panel', async () => {
      opened.sent.length = 0;
      await link(opened.page, 's1|s2').dispatchEvent('click');
      const heal = opened.page.locator(
        '.network-link-controls[data-link="s1|s2"] button[data-action="heal-link"]',
      );
      await heal.click();
      await waitFor(() => opened.sent.length > 0, 'the page to send heal-link');
      expect(opened.sent).toEqual([{ action: 'heal-link', params: { a: 's1', b: 's2' } }]);
      // A horizontal line has no height: attached, since Playwright would never call it visible.
      await opened.page
        .locator('line[data-link="s1|s2"][data-condition="up"]')
        .waitFor({ state: 'attached' });
    });
  });

  describe('with a lab that has no link delays (no delay fields, no link-delay control)', () => {
    const opened = useNetworkPage(
      [{ between: ['balancer', 's1'], cut: false, lossPercent: 20 }],
      false,
    );

    it('shows the loss only, offers no delay input, and still sets the loss', async () => {
      expect(await opened.page.locator('.network-link-badge').allTextContents()).toEqual(['20 %']);
      await link(opened.page, 'balancer|s1').dispatchEvent('click');
      const controls = opened.page.locator('.network-link-controls[data-link="balancer|s1"]');
      await controls.waitFor();
      expect(await controls.locator('input[aria-label="delay ms"]').count()).toBe(0);

      await controls.locator('input[aria-label="loss percent"]').fill('35');
      await controls.locator('button[data-action="link-loss"]').click();
      await waitFor(() => opened.sent.length > 0, 'the page to send link-loss');
      expect(opened.sent).toEqual([
        { action: 'link-loss', params: { a: 'balancer', b: 's1', percent: 35 } },
      ]);
      await opened.page.locator('.network-link-badge', { hasText: '35 %' }).waitFor();
    });
  });

  // In a block of its own, so it runs after the blocks above.
  describe('afterwards', () => {
    it('ran all of the above without a script error or a Content-Security-Policy violation', () => {
      expect(problems).toEqual([]);
    });
  });
});
