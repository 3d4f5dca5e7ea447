// Part of the build: the dashboard's page and stylesheet go beside its compiled modules in
// dist/admin/dashboard/ (tsc compiles the .ts next). The folder is emptied first, so a module
// removed from the source is never served from an old build.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';

const packageDir = path.resolve(import.meta.dirname, '..');
const source = path.join(packageDir, 'src/admin/dashboard');
const target = path.join(packageDir, 'dist/admin/dashboard');

rmSync(target, { recursive: true, force: true });
cpSync(source, target, {
  recursive: true,
  filter: (file) => file === source || /\.(html|css)$/.test(file),
});
