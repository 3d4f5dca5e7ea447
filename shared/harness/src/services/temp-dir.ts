import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder for one service's data; removed when the service stops for good. */
export function makeTempDir(label: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `sessions-${label}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
