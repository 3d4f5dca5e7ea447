import type { Figure } from './results-file';

/** A plain-text table for the terminal: experiments end with one. */
export function formatTable(rows: ReadonlyArray<Record<string, Figure>>, title?: string): string {
  if (rows.length === 0) return title ? `${title}\n(no rows)` : '(no rows)';
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((column) => String(row[column] ?? '')));
  const widths = columns.map((column, i) =>
    Math.max(column.length, ...cells.map((row) => row[i].length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i])))
      .join('  ');
  const out = [line(columns), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)];
  return [title, ...out].filter((part) => part !== undefined).join('\n');
}

/** Markdown version of the same table, for results that a lesson includes whole. */
export function markdownTable(rows: ReadonlyArray<Record<string, Figure>>): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0]);
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((column) => String(row[column] ?? '')).join(' | ')} |`),
  ].join('\n');
}

/** One progress line that rewrites itself on a terminal, or a line every 10% elsewhere. */
export function progress(label: string, done: number, total: number): void {
  const percent = Math.floor((done / total) * 100);
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${label}: ${done}/${total} (${percent}%)${done === total ? '\n' : ''}`);
  } else if (
    done === total ||
    Math.floor(((done - 1) / total) * 10) !== Math.floor((done / total) * 10)
  ) {
    process.stderr.write(`${label}: ${done}/${total} (${percent}%)\n`);
  }
}
