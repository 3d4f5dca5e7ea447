import type { Lab } from '@sessions/harness';
import type { BrowserContext, Page, Request, Response } from 'playwright-core';

/** What the dashboard is opened on: a lab, or a balancer alone (no servers). */
export type DashboardTarget = Pick<Lab, 'url'> & { servers: ReadonlyArray<{ id: string }> };

/**
 * Opens the lab's dashboard and waits until every server has its card and the event stream
 * is live. Script errors and Content-Security-Policy violations go to `problems`.
 */
export async function openDashboard(
  context: BrowserContext,
  lab: DashboardTarget,
  problems: string[] = [],
): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      problems.push(`CSP violation: ${message.text()}`);
  });
  // What failed while the page opened, for the message when it never goes live (script
  // errors are in `problems` already).
  const openingTrouble: string[] = [];
  const onFailed = (request: Request) =>
    openingTrouble.push(`${request.url()} failed: ${request.failure()?.errorText ?? '?'}`);
  const onResponse = (response: Response) => {
    if (response.status() >= 400)
      openingTrouble.push(`${response.url()} answered ${response.status()}`);
  };
  page.on('requestfailed', onFailed);
  page.on('response', onResponse);
  const badge = page.locator('#live');
  await page.goto(`${lab.url}/__lb/`);
  await page
    .locator('#live[data-state="live"]')
    .waitFor()
    .catch(async (error: Error) => {
      // Say what the badge reads instead: "connecting…" (the stream never answered),
      // "reconnecting…" (it failed) or "balancer not reachable" (a state poll failed).
      const state = await badge.getAttribute('data-state').catch(() => '?');
      const text = await badge.textContent().catch(() => '?');
      throw new Error(
        `the dashboard's live badge never read "live": it reads "${text}" (data-state="${state}")` +
          (openingTrouble.length ? `; meanwhile: ${openingTrouble.slice(0, 10).join('; ')}` : '') +
          (problems.length ? `; the page reported: ${problems.join('; ')}` : '') +
          `\n${error.message}`,
      );
    })
    .finally(() => {
      page.off('requestfailed', onFailed);
      page.off('response', onResponse);
    });
  for (const server of lab.servers)
    await page.locator(`.card[data-server="${server.id}"]`).waitFor();
  return page;
}

/** The row of the request list for a request whose path contains `marker`. */
export function requestRow(page: Page, marker: string) {
  return page.locator('#requests li', { hasText: marker });
}
