import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const plainEntry = 'dist/main.js';
export const bundledEntry = 'dist/main.bundle.mjs';
const bundleInputs = 'dist/main.bundle.inputs.json';

/**
 * The file a chapter server starts from, relative to the chapter's folder. The build joins
 * dist/main.js and its imports into one bundle that starts in half the CPU time; it is used
 * while it is newer than every workspace file it was made from. After an edit rebuilt without
 * bundling (or with no bundle at all) the server starts from dist/main.js, never from old code.
 */
export function serverEntry(chapterDir: string): string {
  try {
    const bundledAt = statSync(path.join(chapterDir, bundledEntry)).mtimeMs;
    const inputs = JSON.parse(readFileSync(path.join(chapterDir, bundleInputs), 'utf8')) as unknown;
    if (!Array.isArray(inputs) || inputs.length === 0) return plainEntry;
    const stale = inputs.some(
      (input) => statSync(path.resolve(chapterDir, String(input))).mtimeMs > bundledAt,
    );
    return stale ? plainEntry : bundledEntry;
  } catch {
    // No bundle, or a file it was made from is gone: the plain build is the truth.
    return plainEntry;
  }
}
