/**
 * The course's one config-template syntax, `${NAME}`, as HAProxy reads it from its environment
 * and as `envsubst '$A $B'` renders it for nginx (which reads no environment): replace ${A} and
 * ${B}, leave everything else (nginx's own $variables, HAProxy's "${VAR-default}") alone. A
 * placeholder without a value is an error, not an empty string.
 */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`the template needs ${name}`);
    return value;
  });
}
