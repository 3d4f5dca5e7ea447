import { locateSystemPart, systemPart } from '../../lib/system-parts.cjs';

/** The path of a system part, or undefined when it is not installed (for optional features). */
export function findSystemPart(name: string): string | undefined {
  return locateSystemPart(name);
}

/**
 * The path of a system part's binary ("redis", "haproxy", "nginx", "chromium", "postgres").
 * A missing one is an error that says how to install it: a test never passes silently without it.
 */
export function requireBinary(name: string): string {
  const found = locateSystemPart(name);
  if (!found) {
    throw new Error(
      `${systemPart(name).what} is not installed. Run \`node scripts/doctor.mjs ${name}\` (as root it installs it) or \`sudo apt-get install -y ${systemPart(name).apt}\`.`,
    );
  }
  return found;
}
