import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo';
import { extractRegion } from '../../lib/code-regions.cjs';
import { documentsWithResults } from './markers';

/**
 * Lessons show code from `// #region <name>` ... `// #endregion` blocks of the chapters'
 * source: `<!-- region:chapters/02-inconsistency/src/x.ts#name -->` ... `<!-- /region -->`
 * is refilled from the file, and a test fails when the two differ.
 */
const regionPattern = /<!-- region:([^#\s]+)#([\w-]+) -->\n([\s\S]*?)<!-- \/region -->/g;

export { extractRegion };

function fenced(root: string, file: string, name: string): string {
  const language = path.extname(file).slice(1) || 'text';
  return `\`\`\`${language}\n// ${file} (#region ${name})\n${extractRegion(path.join(root, file), name)}\n\`\`\`\n`;
}

export function fillCodeRegions(root = repoRoot()): string[] {
  const changed: string[] = [];
  for (const { file } of documentsWithResults(root)) {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(
      regionPattern,
      (_whole, source: string, name: string) =>
        `<!-- region:${source}#${name} -->\n${fenced(root, source, name)}<!-- /region -->`,
    );
    if (next !== text) {
      writeFileSync(file, next);
      changed.push(file);
    }
  }
  return changed;
}

export function checkCodeRegions(root = repoRoot()): {
  checked: number;
  problems: Array<{ file: string; region: string; problem: string }>;
} {
  const problems: Array<{ file: string; region: string; problem: string }> = [];
  let checked = 0;
  for (const { file } of documentsWithResults(root)) {
    for (const [, source, name, shown] of readFileSync(file, 'utf8').matchAll(regionPattern)) {
      checked += 1;
      const region = `${source}#${name}`;
      try {
        if (fenced(root, source, name) !== shown)
          problems.push({ file, region, problem: 'differs from the source: run npm run results' });
      } catch (error) {
        problems.push({ file, region, problem: (error as Error).message });
      }
    }
  }
  return { checked, problems };
}
