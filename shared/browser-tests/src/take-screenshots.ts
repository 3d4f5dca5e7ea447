// `npm run screenshots -w shared/browser-tests [-- 02 03]`: starts each lab, makes some traffic
// (the learner's own requests and simulated users), and saves its dashboard as
// chapters/NN-*/docs/dashboard.png for the chapter's README. Build the chapters first.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chapterDir, openChromium, sleep, startLab } from '@sessions/harness';
import { chapterNamed, loadChapterLab, type ChapterName } from '@sessions/labs';
import type { Page } from 'playwright-core';
import { openDashboard } from './dashboard-page';
import { chaptersWithDashboard } from './lab-definitions';

/** The learner, in the browser that shows the dashboard: same cookies, so the cards mark "you". */
class BrowserUser {
  lastServer: string | undefined;

  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async get(path: string): Promise<void> {
    const response = await this.page.context().request.get(`${this.baseUrl}${path}`);
    this.lastServer = response.headers()['x-served-by'];
  }

  async post(path: string, data: unknown): Promise<void> {
    const response = await this.page.context().request.post(`${this.baseUrl}${path}`, { data });
    this.lastServer = response.headers()['x-served-by'];
  }
}

/** What a learner would do in the first minute: log in as "a", look at "me", fill the cart. */
async function learnerTraffic(you: BrowserUser): Promise<void> {
  await you.post('/login', { userid: 'a' });
  for (const item of ['apple', 'banana']) {
    await you.get('/me');
    await you.post('/cart', { item });
  }
  await you.get('/me');
}

/**
 * A chapter's own moment, after the learner's traffic. Chapter 03: the server that holds
 * you dies; the balancer moves you (sticky-server-down) and your session is gone.
 */
const chapterMoments: Record<string, (page: Page, you: BrowserUser) => Promise<void>> = {
  '03': async (page, you) => {
    const holder = you.lastServer;
    if (!holder) return;
    await page.locator(`.card[data-server="${holder}"] button[data-action="kill"]`).click();
    await page.locator(`.card[data-server="${holder}"][data-health="down"]`).waitFor();
    await you.get('/me');
    await you.get('/me');
  },
};

async function screenshot(chapter: ChapterName): Promise<string> {
  const lab = await startLab(await loadChapterLab(chapter), {
    controlToken: randomBytes(16).toString('hex'),
  });
  const browser = await openChromium({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await openDashboard(browser.context, lab);
    await page.locator('.control-group input[aria-label="users"]').fill('4');
    await page.locator('.control-group input[aria-label="seconds"]').fill('6');
    await page.locator('button[data-action="simulate-users"]').click();
    // The line about the simulated users appears with the next state poll, and goes when they stop.
    await page.locator('#simulation').waitFor({ state: 'visible' });
    await page.locator('#simulation').waitFor({ state: 'hidden', timeout: 20_000 });
    // The learner's own requests last, so the top of the list shows "you".
    const you = new BrowserUser(page, lab.url);
    await learnerTraffic(you);
    await chapterMoments[chapter.slice(0, 2)]?.(page, you);
    // Let the cards' next poll land and the toasts fade.
    await sleep(4500);
    const file = path.join(chapterDir(chapter), 'docs/dashboard.png');
    await mkdir(path.dirname(file), { recursive: true });
    await page.mouse.move(0, 0); // no hover highlight on the picture
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: file });
    return file;
  } finally {
    await browser.close();
    await lab.stop();
  }
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const chapters = asked.length > 0 ? asked.map(chapterNamed) : await chaptersWithDashboard();
  for (const chapter of chapters) {
    process.stdout.write(`chapter ${chapter}: `);
    console.log(path.relative(process.cwd(), await screenshot(chapter)));
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
