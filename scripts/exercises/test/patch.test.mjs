import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filesTouchedBy } from '../patch.mjs';

describe('the files a solution.patch touches', () => {
  it('are read from each file’s header, never from a hunk’s lines, and /dev/null is no file', () => {
    const patch = [
      'diff --git a/chapters/01-a/src/x.ts b/chapters/01-a/src/x.ts',
      'index 1..2 100644',
      '--- a/chapters/01-a/src/x.ts',
      '+++ b/chapters/01-a/src/x.ts',
      '@@ -1 +1 @@',
      '--- a/this line is a removed line that starts with dashes',
      'diff --git a/chapters/01-a/src/new.ts b/chapters/01-a/src/new.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/chapters/01-a/src/new.ts',
    ].join('\n');
    assert.deepEqual(filesTouchedBy(patch), ['chapters/01-a/src/x.ts', 'chapters/01-a/src/new.ts']);
  });
});
