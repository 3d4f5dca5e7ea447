import { afterAll, beforeAll } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A fresh folder in the system's temp folder for the tests of one describe (call it there),
 * made before them and removed after them, holding `files` (path inside it → content), their
 * folders made as needed. Returns a getter for its path.
 */
export function useScratchDir(prefix, files = {}) {
  let dir;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}
