import escapeXml from 'escape-html';

export interface Bar {
  label: string;
  value: number;
  /** Bars in one group sit together (e.g. the servers of one strategy). */
  group?: string;
}

/** A self-contained SVG bar chart, readable on GitHub and on a projector. */
export function barChartSvg(title: string, bars: readonly Bar[], unit = ''): string {
  const width = 720;
  const rowHeight = 34;
  const left = 200;
  const top = 56;
  const height = top + bars.length * rowHeight + 24;
  const max = Math.max(...bars.map((bar) => bar.value), 1);
  const groups = [...new Set(bars.map((bar) => bar.group ?? ''))];
  const rows = bars
    .map((bar, i) => {
      const y = top + i * rowHeight;
      const w = Math.max(1, ((width - left - 90) * bar.value) / max);
      const hue = (groups.indexOf(bar.group ?? '') * 137 + 200) % 360;
      const label = bar.group ? `${bar.group} · ${bar.label}` : bar.label;
      return (
        `<text x="${left - 10}" y="${y + 21}" text-anchor="end">${escapeXml(label)}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 10}" rx="4" fill="hsl(${hue} 55% 50%)"/>` +
        `<text x="${(left + w + 8).toFixed(1)}" y="${y + 21}">${escapeXml(String(bar.value))}${escapeXml(unit)}</text>`
      );
    })
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="16" fill="#1d2433">
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="20" y="32" font-size="20" font-weight="600">${escapeXml(title)}</text>
  ${rows}
</svg>
`;
}
