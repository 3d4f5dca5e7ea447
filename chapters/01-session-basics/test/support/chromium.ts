import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { requireBinary } from '@sessions/harness';
import { chromium, type BrowserContext } from 'playwright-core';

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * The system's Chromium with a fresh profile in a temporary folder. `blockCookies` sets
 * the profile's own content setting, exactly what a user does in Settings, Cookies, Block.
 */
export async function openChromium(options: { blockCookies: boolean }): Promise<Chromium> {
  const executablePath = process.env.CHROME_PATH || requireBinary('chromium');
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sessions-ch01-chromium-'));
  try {
    if (options.blockCookies) {
      await mkdir(path.join(userDataDir, 'Default'));
      await writeFile(
        path.join(userDataDir, 'Default/Preferences'),
        JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
      );
    }
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
