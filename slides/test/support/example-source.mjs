/**
 * A small TypeScript file with code regions, for the tests of how decks show regions: closed
 * ones (one with a doc comment, one indented in a class) and, last, one never closed.
 */
export const exampleSource = [
  'import x from "y";',
  '// #region store',
  'export const store = new Map();',
  '// #endregion store',
  '// #region documented',
  '/**',
  ' * Why this exists.',
  ' */',
  'export const documented = 1;',
  '// #endregion documented',
  'export class Example {',
  '  // #region the-method',
  '  method() {',
  '    return 1;',
  '  }',
  '  // #endregion the-method',
  '}',
  '// #region unclosed',
  'const lost = 1;',
].join('\n');
