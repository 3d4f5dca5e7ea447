import { describe, it, expect } from '@jest/globals';
import path from 'node:path';
import { extractRegion } from '../scripts/lib/regions.mjs';
import { exampleSource } from './support/example-source.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';

describe('code regions for slides', () => {
  const scratch = useScratchDir('slides-regions-', {
    'example.ts': exampleSource,
  });
  const file = () => path.join(scratch(), 'example.ts');

  it('a region is exactly the marked lines, without their shared indentation', () => {
    expect(extractRegion(file(), 'the-method')).toBe('method() {\n  return 1;\n}');
  });

  it('a region that does not exist fails the build and names the regions that do', () => {
    expect(() => extractRegion(file(), 'renamed-method')).toThrow(
      /code region "renamed-method" not found in .*example\.ts \(regions there: store, documented, the-method, unclosed\)/,
    );
  });

  it('a region without its #endregion fails instead of showing the rest of the file', () => {
    expect(() => extractRegion(file(), 'unclosed')).toThrow(/has no "\/\/ #endregion"/);
  });

  it('a file that does not exist fails with its path', () => {
    expect(() => extractRegion(path.join(scratch(), 'gone.ts'), 'any')).toThrow(
      /gone\.ts does not exist/,
    );
  });
});
