import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The page's files by kind: the page, its stylesheet, its ES modules. Nothing else is served. */
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export interface DashboardAsset {
  contentType: string;
  body: string;
}

/**
 * Where the built files are: the build compiles src/admin/dashboard/*.ts into
 * dist/admin/dashboard/, beside this compiled file, and copies the page and stylesheet there.
 * Jest runs the TypeScript source as native ES modules, where there is no __dirname: tests run
 * inside the monorepo (after the package's build), so the package is found through its
 * workspace link.
 */
function assetsDir(): string {
  if (typeof __dirname === 'string') return path.join(__dirname, 'dashboard');
  const manifest = createRequire(path.join(process.cwd(), 'noop.js')).resolve(
    '@sessions/load-balancer/package.json',
  );
  return path.join(path.dirname(manifest), 'dist/admin/dashboard');
}

let names: Set<string> | undefined;

/** The files the build put in the folder, read once: requests only ever pick from this list. */
function assetNames(): Set<string> {
  if (!names) {
    const dir = assetsDir();
    let files: string[];
    try {
      files = readdirSync(dir);
    } catch {
      throw new Error(`the dashboard folder ${dir} is missing: build the balancer (npm run build)`);
    }
    names = new Set(files.filter((file) => /^[a-z][a-z-]*\.(html|css|js)$/.test(file)));
  }
  return names;
}

const cache = new Map<string, DashboardAsset>();

/** One of the dashboard's files by name, or undefined for any other name (no path is ever built from a request). */
export function dashboardAsset(name: string): DashboardAsset | undefined {
  if (!assetNames().has(name)) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    const body = readFileSync(path.join(assetsDir(), name), 'utf8');
    asset = { contentType: contentTypes[path.extname(name)], body };
    cache.set(name, asset);
  }
  return asset;
}
