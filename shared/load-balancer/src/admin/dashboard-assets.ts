import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The page's files: plain HTML, CSS and JS, no front-end build step. Nothing else is served. */
const assetTypes: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'network.js': 'text/javascript; charset=utf-8',
};

export interface DashboardAsset {
  contentType: string;
  body: string;
}

/**
 * Where the files are. The build copies src/admin/dashboard/ to dist/admin/dashboard/, beside
 * this compiled file. Jest runs the TypeScript source as native ES modules, where there is no
 * __dirname: tests run inside the monorepo, so the package is found through its workspace link.
 */
function assetsDir(): string {
  if (typeof __dirname === 'string') return path.join(__dirname, 'dashboard');
  const manifest = createRequire(path.join(process.cwd(), 'noop.js')).resolve(
    '@sessions/load-balancer/package.json',
  );
  return path.join(path.dirname(manifest), 'src/admin/dashboard');
}

const cache = new Map<string, DashboardAsset>();

/** One of the dashboard's files by name, or undefined for any other name (no path is ever built from a request). */
export function dashboardAsset(name: string): DashboardAsset | undefined {
  if (!Object.hasOwn(assetTypes, name)) return undefined;
  let asset = cache.get(name);
  if (!asset) {
    const file = path.join(assetsDir(), name);
    let body: string;
    try {
      body = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`the dashboard file ${file} is missing: build the balancer (npm run build)`);
    }
    asset = { contentType: assetTypes[name], body };
    cache.set(name, asset);
  }
  return asset;
}
