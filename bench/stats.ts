/** Pure helpers for the benchmark report: medians, ratios and a plain-text table. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** App time over direct time; undefined when there is no direct time to compare with (a step without HTTP). */
export const overheadRatio = (appMs: number, directMs: number): number | undefined => (directMs > 0 ? appMs / directMs : undefined);

export const formatMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

/** A Markdown table padded to line up in a terminal too, so the printed report can be pasted into docs as it is. */
export const renderTable = (header: readonly string[], rows: ReadonlyArray<readonly string[]>): string => {
  const widths = header.map((title, column) => Math.max(3, title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${widths.map((w, column) => (cells[column] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
};
