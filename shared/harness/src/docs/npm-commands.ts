import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One `npm …` command a learner is asked to type, and where. */
export interface NpmCommand {
  file: string;
  line: string;
  /** The words after `npm`, environment assignments and comments removed. */
  args: string[];
}

/** Shell blocks a lesson or a deck shows: ```sh (or bash, shell) fences. */
const shellBlock = /```(?:sh|bash|shell)\n([\s\S]*?)```/g;

/** Every `npm` command in a Markdown file's shell blocks, split at `&&`, `;` and `|`. */
export function npmCommandsIn(file: string, markdown = readFileSync(file, 'utf8')): NpmCommand[] {
  const commands: NpmCommand[] = [];
  for (const [, block] of markdown.matchAll(shellBlock)) {
    const lines = block.replace(/\\\n/g, ' ').split('\n');
    for (const line of lines) {
      const code = line.replace(/(^|\s)#.*$/, '').trim();
      for (const part of code.split(/&&|\|\||;|\|/)) {
        const words = part.trim().split(/\s+/).filter(Boolean);
        while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) words.shift();
        if (words[0] === 'npm') commands.push({ file, line: code, args: words.slice(1) });
      }
    }
  }
  return commands;
}

/** npm's own commands that run a package.json script of the same name. */
const scriptAliases: Record<string, string> = { test: 'test', start: 'start', t: 'test' };
/** npm's own commands that need no script. */
const builtIns = new Set(['install', 'i', 'ci']);

/**
 * What is wrong with an npm command on a fresh clone, or undefined when it names a real
 * script (the root's, or the `-w` workspace's). `checkLabArguments` checks what follows
 * `npm start --` (the lab launcher's own options).
 */
export function problemWithNpmCommand(
  command: NpmCommand,
  root: string,
  checkLabArguments: (args: string[]) => string | undefined,
): string | undefined {
  const [verb, ...rest] = command.args;
  if (builtIns.has(verb)) return undefined;
  const separator = rest.indexOf('--');
  const own = separator === -1 ? rest : rest.slice(0, separator);
  const passed = separator === -1 ? [] : rest.slice(separator + 1);

  let script: string | undefined;
  const flags = [...own];
  if (verb === 'run' || verb === 'run-script') script = flags.shift();
  else if (verb in scriptAliases) script = scriptAliases[verb];
  else return `"npm ${verb}" is not a command this course uses`;
  if (!script) return `"npm ${verb}" names no script`;

  const workspace = workspaceOf(flags);
  if (workspace === null) return `unknown option in "npm ${command.args.join(' ')}"`;
  const folder = workspace === undefined ? root : workspaceFolder(root, workspace);
  if (!folder) return `no workspace "${workspace}" in this repository`;
  const scripts = scriptsOf(folder);
  if (!(script in scripts))
    return `${path.relative(root, path.join(folder, 'package.json')) || 'package.json'} has no "${script}" script (it has: ${Object.keys(scripts).join(', ')})`;
  if (workspace === undefined && script === 'start') return checkLabArguments(passed);
  return undefined;
}

/** The `-w`/`--workspace` value; undefined when there is none; null for any other option. */
function workspaceOf(flags: string[]): string | undefined | null {
  let workspace: string | undefined;
  for (let i = 0; i < flags.length; i += 1) {
    const flag = flags[i];
    if (flag === '-w' || flag === '--workspace') workspace = flags[++i];
    else if (flag.startsWith('--workspace=')) workspace = flag.slice('--workspace='.length);
    else return null;
  }
  return workspace;
}

/** A workspace named by folder (`chapters/03-sticky`) or by package name (`@sessions/…`). */
function workspaceFolder(root: string, workspace: string): string | undefined {
  const byPath = path.join(root, workspace);
  if (existsSync(path.join(byPath, 'package.json'))) return byPath;
  const { workspaces } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  for (const pattern of workspaces) {
    const parent = path.join(root, pattern.replace(/\/\*$/, ''));
    const folders = pattern.endsWith('/*')
      ? readdirSync(parent).map((name) => path.join(parent, name))
      : [parent];
    for (const folder of folders) {
      const manifest = path.join(folder, 'package.json');
      if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === workspace)
        return folder;
    }
  }
  return undefined;
}

function scriptsOf(folder: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return manifest.scripts ?? {};
}
