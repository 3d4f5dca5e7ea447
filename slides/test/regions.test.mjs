import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractRegion } from '../scripts/lib/regions.mjs';

describe('code regions for slides', () => {
  let dir;
  let file;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'slides-regions-'));
    file = path.join(dir, 'example.ts');
    writeFileSync(
      file,
      [
        'import x from "y";',
        'export class Example {',
        '  // #region the-method',
        '  method() {',
        '    return 1;',
        '  }',
        '  // #endregion the-method',
        '}',
        '// #region unclosed',
        'const lost = 1;',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a region is exactly the marked lines, without their shared indentation', () => {
    expect(extractRegion(file, 'the-method')).toBe('method() {\n  return 1;\n}');
  });

  it('a region that does not exist fails the build and names the regions that do', () => {
    expect(() => extractRegion(file, 'renamed-method')).toThrow(
      /code region "renamed-method" not found in .*example\.ts \(regions there: the-method, unclosed\)/,
    );
  });

  it('a region without its #endregion fails instead of showing the rest of the file', () => {
    expect(() => extractRegion(file, 'unclosed')).toThrow(/has no "\/\/ #endregion"/);
  });

  it('a file that does not exist fails with its path', () => {
    expect(() => extractRegion(path.join(dir, 'gone.ts'), 'any')).toThrow(
      /gone\.ts does not exist/,
    );
  });
});
