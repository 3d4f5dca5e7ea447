// Plain JavaScript so that the slides' build scripts and the harness (lessons) read code
// regions with one rule, without a build step in between. CommonJS, because the harness's
// build is CommonJS and Jest on Node 20 cannot require an ES module.
const { existsSync, readFileSync } = require('node:fs');

/**
 * The lines between `// #region <name>` and its `// #endregion` (bare, or naming the same
 * region, so regions may nest), without their common indentation. Lessons and slides show
 * only marked, tested code: a region that is missing is an error, never an empty block.
 */
function extractRegion(file, name) {
  if (!existsSync(file)) throw new Error(`code region "${name}": file ${file} does not exist`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region ${name}`);
  if (start < 0) {
    const known = lines
      .map((line) => line.trim().match(/^\/\/ #region (\S+)/)?.[1])
      .filter(Boolean);
    throw new Error(
      `code region "${name}" not found in ${file} (regions there: ${known.join(', ') || 'none'})`,
    );
  }
  const end = lines.findIndex((line, i) => i > start && endsRegion(line, name));
  if (end < 0) throw new Error(`code region "${name}" in ${file} has no "// #endregion"`);
  return dedent(lines.slice(start + 1, end));
}

function endsRegion(line, name) {
  const match = line.trim().match(/^\/\/ #endregion(?: (\S+))?$/);
  return match !== null && (match[1] === undefined || match[1] === name);
}

function dedent(lines) {
  const indents = lines.filter((line) => line.trim()).map((line) => line.match(/^ */)[0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

module.exports = { extractRegion };
