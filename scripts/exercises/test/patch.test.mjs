import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chaptersTouchedBy, filesTouchedBy } from '../patch.mjs';

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

describe('the chapters a solution.patch changes', () => {
  const patchable = ['06-c', '04-a'];
  it('are the chapters whose src/ (or lab/) it touches, among those it may change', () => {
    assert.deepEqual(
      chaptersTouchedBy(['chapters/04-a/src/x.ts', 'chapters/06-c/lab/y.ts'], patchable),
      { chapters: ['04-a', '06-c'] },
    );
  });
  it('is refused, naming the file, when it touches a test or a chapter it does not run', () => {
    for (const file of ['chapters/06-c/test/x.e2e-spec.ts', 'chapters/05-b/src/x.ts', 'README.md'])
      assert.match(
        chaptersTouchedBy([file], patchable).problem,
        new RegExp(file.replace('.', '\\.')),
      );
  });
});
