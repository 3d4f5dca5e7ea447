// Command lines of `npm run exercise` and `npm run solution`.
import { parseArgs } from 'node:util';
import { ExerciseError } from './catalog.mjs';

export const exerciseUsage = [
  'Usage:',
  '  npm run exercise -- --list      every exercise, id and title',
  '  npm run exercise -- 04.2        build the chapter and run exercise 04.2’s check',
  '  npm run exercise -- --verify    every check fails untouched and passes with its solution',
  '  npm run exercise -- --verify 02 the same for one chapter',
  '  npm run solution -- 04.2 [--apply]',
].join('\n');

function parse(args, options) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new ExerciseError(`${error.message.split('. ')[0]}\n\n${exerciseUsage}`);
  }
}

/**
 * @returns {{ mode: 'list' | 'help' } | { mode: 'verify', chapter?: string } |
 *   { mode: 'check', id: string }}
 */
export function parseExerciseArguments(args) {
  const { values, positionals } = parse(args, {
    list: { type: 'boolean' },
    verify: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const modes = [values.list && 'list', values.verify && 'verify'].filter(Boolean);
  if (values.help) return { mode: 'help' };
  if (values.verify && !values.list && positionals.length <= 1) {
    const [chapter] = positionals;
    if (chapter !== undefined && !/^\d\d$/.test(chapter))
      throw new ExerciseError(`--verify takes a chapter number such as 02, not "${chapter}".`);
    return chapter === undefined ? { mode: 'verify' } : { mode: 'verify', chapter };
  }
  if (modes.length + (positionals.length > 0 ? 1 : 0) !== 1 || positionals.length > 1)
    throw new ExerciseError(`Give one exercise id, --list or --verify.\n\n${exerciseUsage}`);
  if (modes.length === 1) return { mode: modes[0] };
  return { mode: 'check', id: positionals[0] };
}

/** @returns {{ id: string, apply: boolean }} */
export function parseSolutionArguments(args) {
  const { values, positionals } = parse(args, { apply: { type: 'boolean' } });
  if (positionals.length !== 1)
    throw new ExerciseError(`Give one exercise id.\n\n${exerciseUsage}`);
  return { id: positionals[0], apply: values.apply === true };
}

/** Runs a command; an ExerciseError is a mistake on the command line: its message, exit 2. */
export async function runCommand(main) {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof ExerciseError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
}
