/** A table as rows of cells; the first row is the header. Printed as Markdown (console and docs alike). */
export type Table = (string | number)[][];

/** Format a number for a table: thousands kept readable, small ones with a few decimals. */
export function fmt(value: number, digits = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US");
  return value.toFixed(digits);
}

/** Ratio as a percentage, e.g. 0.361 -> "36%". */
export function pct(ratio: number): string {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : "n/a";
}

export function markdownTable(table: Table): string {
  const rows = table.map((r) => r.map((c) => String(c)));
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(rows[0]!), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.slice(1).map(line)].join("\n");
}
