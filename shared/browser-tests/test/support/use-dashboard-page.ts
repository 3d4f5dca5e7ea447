import { openChromium, type ChromiumSession } from '@sessions/harness';
import type { Page } from 'playwright-core';
import { openDashboard, type DashboardTarget } from '../../src/dashboard-page';

/**
 * The dashboard of `target()` open in Chromium for the tests of the calling `describe` (call it
 * after the hooks that start what `target` returns): opened before the first test, the browser
 * closed after the last. `page` stands for the open page once it is there, as `useLab`'s lab
 * does for the lab; `problems` collects the page's script errors and CSP violations.
 */
export function useDashboardPage(target: () => DashboardTarget): {
  page: Page;
  problems: string[];
} {
  const problems: string[] = [];
  let browser: ChromiumSession | undefined;
  let opened: Page | undefined;
  beforeAll(async () => {
    browser = await openChromium();
    opened = await openDashboard(browser.context, target(), problems);
  });
  afterAll(async () => {
    await browser?.close();
  });
  const page = new Proxy({} as Page, {
    get(_target, property) {
      if (!opened) throw new Error('the dashboard page is used before it is open (outside a test)');
      const member: unknown = Reflect.get(opened, property);
      return typeof member === 'function' ? member.bind(opened) : member;
    },
  });
  return { page, problems };
}
