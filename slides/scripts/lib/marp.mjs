import { spawnSync, execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const marpBin = path.join(
  path.dirname(require.resolve('@marp-team/marp-cli/package.json')),
  'marp-cli.js',
);
const configFile = path.resolve(import.meta.dirname, '../../marp.config.mjs');

/** Chromium for PDFs: $CHROME_PATH, else Debian's /usr/bin/chromium; undefined when absent. */
export function findChromium() {
  for (const candidate of [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ]) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Without a Korean font Chromium draws 세션 as empty boxes in the PDF. */
export function hasKoreanFont() {
  try {
    return execFileSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

// The PDF carries the speaker notes as annotations, for an instructor reading it offline.
// (Set in the config file, --pdf-notes would make marp render PDF instead of HTML.)
const pdfArgs = ['--pdf', '--pdf-notes'];

/**
 * Runs marp-cli on the expanded decks. Chromium gets a throwaway TMPDIR (its profile
 * lands there and is deleted afterwards); CHROME_NO_SANDBOX because a lab machine or a
 * container often runs as root, where Chromium refuses to start sandboxed.
 */
export function runMarp(files, { pdf = false, chromium } = {}) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'slides-marp-'));
  try {
    const args = [marpBin, '--config-file', configFile, ...(pdf ? pdfArgs : []), ...files];
    const result = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      env: {
        ...process.env,
        TMPDIR: scratch,
        ...(chromium ? { CHROME_PATH: chromium, CHROME_NO_SANDBOX: '1' } : {}),
      },
      timeout: 5 * 60_000,
    });
    if (result.status !== 0) {
      throw new Error(
        `marp ${pdf ? 'PDF' : 'HTML'} build failed (exit ${result.status ?? result.signal}):\n${result.stderr}${result.stdout}`,
      );
    }
    return result.stderr;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
