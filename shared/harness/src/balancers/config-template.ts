import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The course's one config-template syntax, `${NAME}` (and `${NAME-default}`), as HAProxy
 * reads it from its environment and as `envsubst '$A $B'` renders it for nginx (which reads
 * no environment). Only upper-case names are placeholders, so nginx's own `$host` and
 * `${host}` stay. A placeholder without a value or a default is an error, never a blank.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(
    /\$\{([A-Z][A-Z0-9_]*)(?:-([^}]*))?\}/g,
    (_whole, name: string, fallback: string | undefined) => {
      const value = values[name] ?? fallback;
      if (value === undefined) throw new Error(`the template needs ${name}`);
      return value;
    },
  );
}

/** Renders the template file `templateFile` into folder `dir`; returns the rendered file's path. */
export function renderTemplateFile(
  templateFile: string,
  values: Record<string, string>,
  dir: string,
): string {
  const target = path.join(dir, path.basename(templateFile).replace(/\.template$/, ''));
  try {
    writeFileSync(target, renderTemplate(readFileSync(templateFile, 'utf8'), values));
  } catch (error) {
    throw new Error(`${templateFile}: ${(error as Error).message}`, { cause: error });
  }
  return target;
}
