import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forgetTempDir, recordTempDir, removeTempDirNow } from '../runtime/run-record';

/**
 * A fresh folder (mode 0700) for one service's data; removed when the service stops for good,
 * when this process exits, or by a later run if this one was killed outright.
 */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sessions-${label}-`));
  recordTempDir(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  removeTempDirNow(dir);
  forgetTempDir(dir);
}
