import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { forgetTempDir, recordTempDir } from '../runtime/run-record';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { requireBinary } from '../system/system-binary';

export interface ChromiumSession {
  context: BrowserContext;
  /** Closes the browser and deletes its profile folder. */
  close(): Promise<void>;
}

export interface OpenChromiumOptions {
  viewport?: { width: number; height: number };
  /** Blocks cookies in the profile's own settings, exactly what a user does in Settings. */
  blockCookies?: boolean;
}

/** Flags for a quiet, headless Chromium in a container: no sandbox, no GPU, no background traffic. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The system's Chromium (Debian `chromium`; never a downloaded browser) with a fresh profile
 * in a temporary folder. A missing Chromium is an error that says how to install it.
 */
export async function openChromium(options: OpenChromiumOptions = {}): Promise<ChromiumSession> {
  const executablePath = process.env.CHROME_PATH || requireBinary('chromium');
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'sessions-chromium-'));
  recordTempDir(userDataDir);
  try {
    if (options.blockCookies) {
      await mkdir(path.join(userDataDir, 'Default'));
      await writeFile(
        path.join(userDataDir, 'Default/Preferences'),
        JSON.stringify({ profile: { default_content_setting_values: { cookies: 2 } } }),
      );
    }
    // Loaded here, not at the top: Playwright takes half a second to load, and most users of
    // the harness never open a browser.
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: chromiumArgs,
      headless: true,
      viewport: options.viewport ?? { width: 1440, height: 900 },
    });
    return {
      context,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(userDataDir, { recursive: true, force: true });
        forgetTempDir(userDataDir);
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    forgetTempDir(userDataDir);
    throw error;
  }
}
