export interface SystemPart {
  what: string;
  /** Programs: `$VARIABLE`, a path with one `*` for a version folder, a path, or a name on PATH. */
  binaries?: string[];
  /** Plain files (a font), found by existence. */
  files?: string[];
  apt: string;
  brew: string;
  /** Only asked for on these platforms (process.platform values). */
  platforms?: string[];
}
export const systemParts: Record<string, SystemPart>;
export function systemPart(name: string): SystemPart;
export function locateSystemPart(name: string): string | undefined;
export function installHint(name: string): string;
