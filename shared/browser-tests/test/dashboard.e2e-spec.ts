import { randomBytes } from 'node:crypto';
import { busyMachineSlackMs, LabClient, useLab, waitFor } from '@sessions/harness';
import { lab as chapter02Lab } from '@sessions/chapter-02-inconsistency/lab';
import { requestRow } from '../src/dashboard-page';
import { useDashboardPage } from './support/use-dashboard-page';

const token = randomBytes(16).toString('hex');
const uniquePath = (label: string) => `/me?${label}=${randomBytes(4).toString('hex')}`;

describe("the lab dashboard in a real browser (chapter 02's lab)", () => {
  const lab = useLab(chapter02Lab, {
    controlToken: token,
    // Fast health checks, so a killed server leaves the pool within a second.
    balancer: { healthCheck: { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 500 } },
  });
  const { page, problems } = useDashboardPage(() => lab);

  it('loads with one card per server, each up, and the event stream live', async () => {
    expect(await page.locator('.card').count()).toBe(3);
    // The page asks each server for its own view every second; on a busy machine one of those
    // can time out, and the card says "not answering" until the next one answers.
    for (const id of ['1', '2', '3']) {
      const pill = page.locator(`.card[data-server="${id}"] .pill`);
      await waitFor(
        async () => (await pill.textContent()) === 'up',
        `server ${id}'s card to read "up" (it reads "${await pill.textContent()}")`,
        busyMachineSlackMs + 5_000,
      );
    }
    expect(await page.locator('#lab-title').textContent()).toContain('Chapter 02');
    expect(await page.locator('#strategy').textContent()).toBe('round-robin');
  });

  it('shows a request you make through the balancer with the server that answered, marked "you"', async () => {
    const you = new LabClient(lab.url); // no X-Lab-Client header: the learner
    const path = uniquePath('mine');
    const answer = await you.get(path);
    expect(answer.servedBy).toMatch(/^[123]$/);

    const row = requestRow(page, path);
    await row.waitFor();
    expect(await row.getAttribute('data-server')).toBe(answer.servedBy);
    expect(await row.locator('.server-chip').textContent()).toBe(`server ${answer.servedBy}`);
    expect(await row.locator('.you-badge').textContent()).toBe('you');
    expect(await row.locator('.reason').textContent()).toBe('round-robin');
    expect(await row.locator('.status').textContent()).toBe('200');
  });

  it('names a synthetic user instead of marking its request "you"', async () => {
    const someoneElse = new LabClient(lab.url, { name: 'user-z' });
    const path = uniquePath('theirs');
    await someoneElse.get(path);

    const row = requestRow(page, path);
    await row.waitFor();
    expect(await row.locator('.client').textContent()).toBe('user-z');
    expect(await row.locator('.you-badge').count()).toBe(0);
  });

  it('shows the session a login created on the card of the server that holds it', async () => {
    const you = new LabClient(lab.url);
    const login = await you.post<{ server: string }>('/login', { userid: 'dashboard-a' });

    const holder = page.locator(`.card[data-server="${login.body.server}"] .sessions td.user`, {
      hasText: 'dashboard-a',
    });
    await holder.waitFor();
    for (const other of ['1', '2', '3'].filter((id) => id !== login.body.server))
      expect(
        await page
          .locator(`.card[data-server="${other}"] .sessions td.user`, { hasText: 'dashboard-a' })
          .count(),
      ).toBe(0);
  });

  it('marks your own session on its card when the browser that shows the dashboard logged in', async () => {
    // The browser's own cookie jar: the dashboard shares its origin with the app.
    const login = await page.context().request.post(`${lab.url}/login`, {
      data: { userid: 'browser-b' },
    });
    const server = login.headers()['x-served-by'];
    expect(server).toMatch(/^[123]$/);

    const mine = page.locator(`.card[data-server="${server}"] .sessions tr.yours`);
    await mine.waitFor();
    expect(await mine.locator('td.user').textContent()).toContain('browser-b');
    expect(await mine.locator('.you-badge').textContent()).toBe('you');
  });

  it('runs simulated users from the page, whose named requests then flow by', async () => {
    await page.locator('.control-group input[aria-label="users"]').fill('2');
    await page.locator('.control-group input[aria-label="seconds"]').fill('2');
    await page.locator('button[data-action="simulate-users"]').click();

    await page.locator('#requests li[data-client^="sim-"]').first().waitFor();
    const simulation = () =>
      (lab.balancer!.state() as unknown as { simulation: { running: boolean } }).simulation;
    await waitFor(() => !simulation().running, 'the simulated users to finish');
  });

  it('refuses to simulate an unbounded number of users or seconds, with a message that says the limits', async () => {
    for (const params of [{ users: 0 }, { users: 500 }, { seconds: 3600 }, { users: 'many' }]) {
      const response = await fetch(`${lab.url}/__lb/control/simulate-users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lab-token': token },
        body: JSON.stringify(params),
      });
      const body = (await response.json()) as { message: string };
      expect({ params, status: response.status }).toEqual({ params, status: 400 });
      expect(body.message).toMatch(/must be a whole number from 1 to \d+/);
    }
  });

  it('refuses a control request without the token, or from another origin, with 403', async () => {
    const fromPage = await page.evaluate(async () => {
      const withoutToken = await fetch('/__lb/control/kill', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ server: '3' }),
      });
      const wrongToken = await fetch('/__lb/control/kill', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lab-token': 'not-the-token' },
        body: JSON.stringify({ server: '3' }),
      });
      return [withoutToken.status, wrongToken.status];
    });
    expect(fromPage).toEqual([403, 403]);

    const otherOrigin = await fetch(`${lab.url}/__lb/control/kill`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'x-lab-token': token },
      body: JSON.stringify({ server: '3' }),
    });
    expect(otherOrigin.status).toBe(403);
    expect(lab.server('3').alive).toBe(true);
  });

  it('pauses a server from its card (it stops answering), and resumes it (it comes back up)', async () => {
    const card = page.locator('.card[data-server="3"]');
    await card.locator('button[data-action="pause"]').click();
    await page.locator('.card[data-server="3"]:not([data-health="up"])').waitFor();
    expect(await card.locator('.pill').textContent()).toMatch(/^(down|not answering)$/);

    await card.locator('button[data-action="resume"]').click();
    await page.locator('.card[data-server="3"][data-health="up"]').waitFor();
  });

  it('adds a server from the page: a fourth card appears and the balancer sends it requests', async () => {
    await page.locator('button[data-action="add-server"]').click();
    await page.locator('.card[data-server="4"][data-health="up"]').waitFor();

    const you = new LabClient(lab.url);
    const servedBy = new Set<string | null>();
    for (let i = 0; i < 8; i++) servedBy.add((await you.get('/health')).servedBy);
    expect(servedBy).toContain('4');
  });

  it('kills a server from its card: the card turns down and later requests avoid it', async () => {
    await page.locator('.card[data-server="2"] button[data-action="kill"]').click();

    await page.locator('.card[data-server="2"][data-health="down"]').waitFor();
    expect(await page.locator('.card[data-server="2"] .pill').textContent()).toBe('down');
    expect(lab.server('2').alive).toBe(false);

    const you = new LabClient(lab.url);
    const paths = Array.from({ length: 6 }, () => uniquePath('after-kill'));
    const servedBy: Array<string | null> = [];
    for (const path of paths) servedBy.push((await you.get(path)).servedBy);
    expect(servedBy).not.toContain('2');
    expect(servedBy).not.toContain(null);

    const lastRow = requestRow(page, paths[paths.length - 1]);
    await lastRow.waitFor();
    for (const path of paths)
      expect(await requestRow(page, path).getAttribute('data-server')).not.toBe('2');
  });

  it('ran all of the above without a script error or a Content-Security-Policy violation', () => {
    expect(problems).toEqual([]);
  });
});
