import path from 'node:path';

// Slides and lessons read regions with one rule: the harness's.
export { extractRegion } from '@sessions/harness/lib/code-regions.cjs';

const languages = { '.ts': 'ts', '.mjs': 'js', '.js': 'js', '.json': 'json', '.cfg': 'haproxy' };

export function languageOf(file) {
  return languages[path.extname(file)] ?? '';
}
