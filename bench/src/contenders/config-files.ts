import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '@sessions/harness';

/** bench/configs: the balancer configurations, kept in the repository. */
export const configsDir = () => path.join(repoRoot(), 'bench', 'configs');

/** A throwaway folder for a balancer's config, pid file and temp files; `remove()` deletes it. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sessions-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Fills `{{NAME}}` placeholders; a placeholder without a value is an error, not a silent blank. */
export function renderTemplate(file: string, values: Record<string, string>, into: string): string {
  const text = readFileSync(path.join(configsDir(), file), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (_whole, name: string) => {
      if (!(name in values)) throw new Error(`${file}: no value for {{${name}}}`);
      return values[name];
    },
  );
  const target = path.join(into, file);
  writeFileSync(target, text);
  return target;
}

/** BACKEND_1_PORT, BACKEND_2_PORT, ... for the configs. */
export function backendPorts(backends: ReadonlyArray<{ url: string }>): Record<string, string> {
  return Object.fromEntries(
    backends.map((backend, i) => [`BACKEND_${i + 1}_PORT`, new URL(backend.url).port]),
  );
}
