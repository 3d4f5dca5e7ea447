// The system parts the course uses (programs, a font) and where to find them. Plain
// JavaScript so that scripts/doctor.mjs, which runs before anything is built, and the
// harness look them up the same way. CommonJS, because the harness's build is CommonJS and
// Jest on Node 20 cannot require an ES module.
const { accessSync, constants, existsSync, readFileSync, readdirSync } = require('node:fs');
const path = require('node:path');

/** name -> { what, binaries?, files?, apt, brew, platforms? } */
const systemParts = JSON.parse(readFileSync(path.join(__dirname, 'system-parts.json'), 'utf8'));

/** The part's description, or an error naming the known parts. */
function systemPart(name) {
  const part = systemParts[name];
  if (!part)
    throw new Error(`unknown system part "${name}"; known: ${Object.keys(systemParts).join(', ')}`);
  return part;
}

/** The first usable path of a part (a file that exists, or an executable), or undefined. */
function locateSystemPart(name) {
  const part = systemPart(name);
  const file = (part.files ?? []).find((candidate) => existsSync(candidate));
  if (file) return file;
  for (const candidate of part.binaries ?? []) {
    const found = locateBinary(candidate);
    if (found) return found;
  }
  return undefined;
}

/** The install command for this platform. */
function installHint(name) {
  const { apt, brew } = systemPart(name);
  return process.platform === 'darwin' ? `brew install ${brew}` : `sudo apt-get install -y ${apt}`;
}

// A candidate is `$VARIABLE`, a path with one `*` for a version folder (newest first), an
// absolute path, or a program name looked up on PATH.
function locateBinary(pattern) {
  const candidate = pattern.startsWith('$') ? (process.env[pattern.slice(1)] ?? '') : pattern;
  if (!candidate) return undefined;
  if (candidate.includes('*')) {
    const [before, after] = candidate.split('*');
    return listDir(before)
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => `${before}${version}${after}`)
      .find(isExecutable);
  }
  if (candidate.includes('/')) return isExecutable(candidate) ? candidate : undefined;
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, candidate))
    .find(isExecutable);
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function listDir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

module.exports = { systemParts, systemPart, locateSystemPart, installHint };
