import { openChromium, startLab, type ChromiumSession, type Lab } from '@sessions/harness';
import type { Page } from 'playwright-core';
import { lab as definition } from '../lab/lab';
import { startOtherSite, type OtherSite } from './support/other-site';

const idInUrl = /;jsessionid=([A-Za-z0-9_-]{32})/;

/** What a learner does on the page: type a user id, press Log in. */
async function logIn(page: Page, base: string, userid: string): Promise<void> {
  await page.goto(base);
  await page.fill('input[name=userid]', userid);
  await Promise.all([page.waitForURL(/\/(;jsessionid=.*)?$/), page.click('#login')]);
}

describe('in a real browser (Chromium)', () => {
  let otherSite: OtherSite;
  let lab: Lab;
  let leakyLab: Lab;
  let blocked: ChromiumSession;
  let allowed: ChromiumSession;

  beforeAll(async () => {
    otherSite = await startOtherSite();
    [lab, leakyLab] = await Promise.all([
      startLab(definition, { env: { OUTSIDE_LINK: otherSite.url } }),
      // The lab loosens the policy on purpose, to show what no-referrer prevents.
      startLab(definition, {
        env: { OUTSIDE_LINK: otherSite.url, REFERRER_POLICY: 'unsafe-url' },
      }),
    ]);
    blocked = await openChromium({ blockCookies: true });
    allowed = await openChromium({ blockCookies: false });
  });
  afterAll(async () => {
    await Promise.all([blocked?.close(), allowed?.close()]);
    await Promise.all([lab?.stop(), leakyLab?.stop()]);
    await otherSite?.close();
  });
  beforeEach(() => {
    otherSite.referers.length = 0;
  });

  it('with cookies blocked, the page still works: log in, add to the cart, follow the link to the cart', async () => {
    const page = await blocked.context.newPage();

    await logIn(page, lab.url, 'a');
    const id = idInUrl.exec(page.url())?.[1];
    await page.fill('input[name=item]', 'pear');
    await Promise.all([page.waitForURL(idInUrl), page.click('#add')]);
    await Promise.all([page.waitForURL(/\/cart;jsessionid=/), page.click('#cart-link')]);

    expect(id).toBeDefined();
    expect(page.url()).toBe(`${lab.url}/cart;jsessionid=${id}`);
    expect(await page.textContent('#userid')).toBe('a');
    expect(await page.locator('#cart li').allTextContents()).toEqual(['pear']);
    expect(await blocked.context.cookies()).toEqual([]);
    await page.close();
  });

  it('with cookies allowed, the cookie carries the id after the first redirect, and page scripts cannot read it (HttpOnly)', async () => {
    const page = await allowed.context.newPage();

    await logIn(page, lab.url, 'a');
    await page.goto(lab.url);
    const cookies = await allowed.context.cookies(lab.url);

    expect(await page.getAttribute('#carrier', 'data-carrier')).toBe('cookie');
    expect(await page.getAttribute('#cart-link', 'href')).toBe('/cart');
    expect(cookies.find((cookie) => cookie.name === 'sid')).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('sid=');
    await page.close();
  });

  it('the id in the URL leaks to another site through Referer when the page allows it (unsafe-url)', async () => {
    const page = await blocked.context.newPage();
    await logIn(page, leakyLab.url, 'a');
    const id = idInUrl.exec(page.url())![1];

    await Promise.all([page.waitForURL(otherSite.url), page.click('#outside-link')]);

    expect(otherSite.referers).toEqual([`${leakyLab.url}/;jsessionid=${id}`]);
    await page.close();
  });

  it("with the chapter's Referrer-Policy: no-referrer, the other site receives no Referer at all", async () => {
    const page = await blocked.context.newPage();
    await logIn(page, lab.url, 'a');
    expect(page.url()).toMatch(idInUrl);

    await Promise.all([page.waitForURL(otherSite.url), page.click('#outside-link')]);

    expect(otherSite.referers).toEqual([undefined]);
    await page.close();
  });
});
