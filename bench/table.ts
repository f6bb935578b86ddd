/** A Markdown table with the columns `right` aligned right (the bench sections print these). */
export function table(head: string[], rows: string[][], right: number[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const r = new Set(right);
  const line = (cells: string[]) =>
    `| ${cells.map((x, i) => (r.has(i) ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (r.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
