/** The lines of a `// #region <name>` block in `file`, dedented; throws when it is missing. */
export function extractRegion(file: string, name: string): string;
