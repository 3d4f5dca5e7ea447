// How figures read on the page: bytes, milliseconds, camelCase keys as words.

/** A stable colour per server: 1 → c0, 2 → c1, ...; other ids by a small hash. */
export function colourClass(serverId: string | null | undefined): string {
  if (serverId === null || serverId === undefined) return 'c7';
  const number = Number(serverId);
  if (Number.isInteger(number) && number > 0) return `c${(number - 1) % 7}`;
  let hash = 0;
  for (const char of String(serverId)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `c${hash % 7}`;
}

export function formatBytes(bytes: unknown): string {
  if (typeof bytes !== 'number') return String(bytes);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "replicationLagMs" → "replication lag ms". */
export function words(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
}

/** One figure as text, its unit read from its key ("...Bytes", "...Ms"). */
export function formatValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number' && /bytes$/i.test(key)) return formatBytes(value);
  if (typeof value === 'number' && /ms$/i.test(key)) return ms(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value))
    return value.length === 0 ? 'none' : value.map((item) => formatValue('', item)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([inner, innerValue]) => `${words(inner)} ${formatValue(inner, innerValue)}`)
      .join(' ');
  if (typeof value === 'string') return value.replace(/^http:\/\//, '');
  return String(value);
}

/** [label, raw value, key]: a figure found inside a nested object. */
export type Leaf = [label: string, value: unknown, key: string];

/** Leaves of a nested object with their paths: { sent: { wireBytes: 9 } } → [["sent › wire bytes", 9, "wireBytes"]]. */
export function leaves(object: object | null | undefined, prefix = ''): Leaf[] {
  const pairs: Leaf[] = [];
  for (const [key, value] of Object.entries(object ?? {})) {
    const label = prefix ? `${prefix} › ${words(key)}` : words(key);
    if (value && typeof value === 'object' && !Array.isArray(value))
      pairs.push(...leaves(value, label));
    else pairs.push([label, value, key]);
  }
  return pairs;
}

export const clock = (date: Date): string => date.toLocaleTimeString([], { hour12: false });

export const ms = (value: unknown): string => `${Math.round(Number(value) * 10) / 10} ms`;
