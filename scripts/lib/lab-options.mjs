// The launcher's options, in one table: `npm start -- 05 --store postgres --servers 5`.
// Each option says which chapters take it, so a typo or an option a chapter cannot use is
// refused with the list of what it can, instead of being silently ignored.
import { parseArgs } from 'node:util';

/** @typedef {{ type: 'string', values?: string[], integer?: [number, number], chapters: string[], help: string }} LabOption */

/** @type {Record<string, LabOption>} */
export const labOptions = {
  servers: {
    type: 'string',
    integer: [1, 9],
    chapters: ['02', '03', '04', '05'],
    help: 'how many chapter servers sit behind the balancer (default: the chapter’s own)',
  },
  store: {
    type: 'string',
    values: ['redis', 'redis-sentinel', 'postgres', 'memory'],
    chapters: ['05'],
    help: 'the session store (default redis; LAB_STORE says the same)',
  },
  balancer: {
    type: 'string',
    values: ['course', 'haproxy', 'nginx'],
    chapters: ['02', '03'],
    help: 'what routes the requests at LB_PORT: the course’s balancer (default), or HAProxy or nginx on the chapter’s shipped config, the dashboard then on a port of its own',
  },
  network: {
    type: 'string',
    values: ['loopback', 'hosts'],
    chapters: ['02', '03', '04', '05'],
    help: 'hosts: each server and store on a network host of its own, links you can cut (Linux: as root, or as any user where user namespaces are allowed); default loopback',
  },
  strategy: {
    type: 'string',
    values: ['app', 'insert'],
    chapters: ['03'],
    help: 'the sticky strategy: app (the server sets its own cookie, default) or insert (the balancer inserts SERVERID); STICKY_MODE says the same',
  },
};

export class LabOptionError extends Error {}

/**
 * Parses `[chapter] [--option value ...]`. Returns `{ chapter, options, help }`, where options
 * holds only the options given, numbers already converted.
 */
export function parseLabArguments(args) {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          Object.entries(labOptions).map(([name, { type }]) => [name, { type }]),
        ),
      },
    });
  } catch (error) {
    // Node's message for an unknown option goes on about positionals; its first sentence is enough.
    throw new LabOptionError(`${error.message.split('. ')[0]}\n\n${usageOfOptions()}`);
  }
  const { positionals, values } = parsed;
  if (positionals.length > 1)
    throw new LabOptionError(
      `one chapter at a time, got ${positionals.join(' ')}\n\n${usageOfOptions()}`,
    );
  const chapter = positionals[0];
  const options = {};
  for (const [name, raw] of Object.entries(values)) {
    if (name === 'help') continue;
    options[name] = checkOption(name, raw, chapter);
  }
  return { chapter, options, help: values.help === true };
}

/** parseLabArguments for a command line: a refused argument is printed, and the process exits 2. */
export function labArgumentsOrExit(args) {
  try {
    return parseLabArguments(args);
  } catch (error) {
    if (!(error instanceof LabOptionError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

function checkOption(name, raw, chapter) {
  const option = labOptions[name];
  const number = chapter?.slice(0, 2);
  if (number && !option.chapters.includes(number))
    throw new LabOptionError(
      `--${name} is for chapter ${option.chapters.join(', ')}, not ${number}\n\n${usageOfOptions()}`,
    );
  if (option.values && !option.values.includes(raw))
    throw new LabOptionError(`--${name} must be one of ${option.values.join(', ')}, got "${raw}"`);
  if (option.integer) {
    const [min, max] = option.integer;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new LabOptionError(
        `--${name} must be a whole number from ${min} to ${max}, got "${raw}"`,
      );
    return value;
  }
  return raw;
}

export function usageOfOptions() {
  const lines = ['Options:'];
  for (const [name, option] of Object.entries(labOptions)) {
    const values = option.values
      ? option.values.join('|')
      : option.integer
        ? `${option.integer[0]}-${option.integer[1]}`
        : 'value';
    lines.push(
      `  --${name} ${values}`,
      `      ${option.help} (chapters ${option.chapters.join(', ')})`,
    );
  }
  return lines.join('\n');
}
