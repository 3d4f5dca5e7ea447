import { accessSync, constants, existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo';

interface SystemPart {
  what: string;
  /** Programs, found on PATH or at these paths. */
  binaries?: string[];
  /** Plain files (a font), found by existence. */
  files?: string[];
  apt: string;
  brew: string;
}

/** The same table scripts/doctor.mjs reads, so a test and the doctor agree on what is missing. */
function systemParts(): Record<string, SystemPart> {
  return JSON.parse(
    readFileSync(path.join(repoRoot(), 'scripts/system-parts.json'), 'utf8'),
  ) as Record<string, SystemPart>;
}

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function locate(part: SystemPart): string | undefined {
  const file = (part.files ?? []).find((candidate) => existsSync(candidate));
  if (file) return file;
  for (let candidate of part.binaries ?? []) {
    if (candidate.startsWith('$')) candidate = process.env[candidate.slice(1)] ?? '';
    if (!candidate) continue;
    if (candidate.includes('*')) {
      const [before, after] = candidate.split('*');
      const found = listDir(before)
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `${before}${version}${after}`)
        .find(isExecutable);
      if (found) return found;
    } else if (candidate.includes('/')) {
      if (isExecutable(candidate)) return candidate;
    } else {
      const found = (process.env.PATH ?? '')
        .split(path.delimiter)
        .map((dir) => path.join(dir, candidate))
        .find(isExecutable);
      if (found) return found;
    }
  }
  return undefined;
}

/** The path of a system part, or undefined when it is not installed (for optional features). */
export function findSystemPart(name: string): string | undefined {
  const part = systemParts()[name];
  if (!part) throw new Error(`unknown system part "${name}"`);
  return locate(part);
}

/**
 * The path of a system part's binary ("redis", "haproxy", "nginx", "chromium", "postgres").
 * A missing one is an error that says how to install it: a test never passes silently without it.
 */
export function requireBinary(name: string): string {
  const part = systemParts()[name];
  if (!part) throw new Error(`unknown system part "${name}"`);
  const found = locate(part);
  if (!found) {
    throw new Error(
      `${part.what} is not installed. Run \`node scripts/doctor.mjs ${name}\` (as root it installs it) or \`sudo apt-get install -y ${part.apt}\`.`,
    );
  }
  return found;
}
