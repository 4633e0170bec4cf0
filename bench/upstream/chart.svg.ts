export interface ChartRow {
  variant: string;
  requests: number;
  p50: number;
  p99: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const thousands = (n: number) => Math.round(n).toLocaleString('en');

/**
 * The articles' chart: requests per variant, then p50 and p99 latency per
 * variant, as a self-contained SVG (no fonts or scripts to fetch).
 */
export function renderChart(rows: readonly ChartRow[], title: string): string {
  const barHeight = 22;
  const gap = 10;
  const labelWidth = 130;
  const plotWidth = 520;
  const width = labelWidth + plotWidth + 120;
  const panel = rows.length * (barHeight + gap);
  const top = 60;
  const secondTop = top + panel + 70;
  const height = secondTop + rows.length * (2 * barHeight + gap) + 40;
  const maxRequests = Math.max(...rows.map((r) => r.requests), 1);
  const maxLatency = Math.max(...rows.flatMap((r) => [r.p50, r.p99]), 1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escape(title)}</text>`,
    `<text x="${labelWidth}" y="${top - 12}" font-weight="bold">Requests</text>`,
  ];
  rows.forEach((row, i) => {
    const y = top + i * (barHeight + gap);
    const w = (row.requests / maxRequests) * plotWidth;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end">${escape(row.variant)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="#4c78a8"/>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${thousands(row.requests)}</text>`,
    );
  });
  parts.push(
    `<text x="${labelWidth}" y="${secondTop - 12}" font-weight="bold">Latency (ms): p50 and p99</text>`,
  );
  rows.forEach((row, i) => {
    const y = secondTop + i * (2 * barHeight + gap);
    const w50 = (row.p50 / maxLatency) * plotWidth;
    const w99 = (row.p99 / maxLatency) * plotWidth;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 26}" text-anchor="end">${escape(row.variant)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w50.toFixed(1)}" height="${barHeight - 2}" fill="#72b7b2"/>`,
      `<text x="${(labelWidth + w50 + 6).toFixed(1)}" y="${y + 15}">p50 ${row.p50.toFixed(1)}</text>`,
      `<rect x="${labelWidth}" y="${y + barHeight}" width="${w99.toFixed(1)}" height="${barHeight - 2}" fill="#f58518"/>`,
      `<text x="${(labelWidth + w99 + 6).toFixed(1)}" y="${y + barHeight + 15}">p99 ${row.p99.toFixed(1)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
