import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { markdownTable } from "../lib/table.js";
import { chartSvg } from "./chart.js";
import { summaryTables, type BenchResults } from "./summary.js";

const BEGIN = "<!-- bench:results:begin (written by npm run bench; edits inside are overwritten) -->";
const END = "<!-- bench:results:end -->";

/** The generated part of docs/performance.md: when and where it ran, then the tables. */
export function resultsMarkdown(r: BenchResults): string {
  const m = r.machine;
  const head = `Run ${r.startedAt.replace("T", " ").slice(0, 16)} UTC, commit \`${r.commit}\`, Node ${m.node}, ${m.cpus} × ${m.cpuModel.trim()}, ` +
    `load average ${m.loadAvgStart.toFixed(2)} at the start and ${m.loadAvgEnd.toFixed(2)} at the end (the machine is shared), ` +
    `${((r.durationSec ?? 0) / 60).toFixed(1)} min${r.quick ? ", **--quick**" : ""}. Raw numbers: \`bench-results/latest.json\`.`;
  const tables = summaryTables(r).map(({ title, table }) => `#### ${title}\n\n${markdownTable(table)}`);
  return [head, ...tables].join("\n\n");
}

/** Rewrite the results section of docs/performance.md and docs/performance.svg. Returns the files written. */
export function writeDocs(root: string, r: BenchResults): string[] {
  const written: string[] = [];
  const svg = chartSvg(r);
  if (svg) {
    writeFileSync(path.join(root, "docs/performance.svg"), svg);
    written.push("docs/performance.svg");
  }
  const file = path.join(root, "docs/performance.md");
  const section = `${BEGIN}\n${resultsMarkdown(r)}\n${END}`;
  let doc = existsSync(file) ? readFileSync(file, "utf8") : `# Performance\n\n${BEGIN}\n${END}\n`;
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  doc = a >= 0 && b > a ? doc.slice(0, a) + section + doc.slice(b + END.length) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, doc);
  written.push("docs/performance.md");
  return written;
}
