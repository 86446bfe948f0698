import type { BenchResults } from "./summary.js";

/** A hand-rolled SVG of three panels (bandwidth, interest, capacity); no dependencies. */

const W = 330;
const H = 260;
const PAD = { l: 52, r: 12, t: 34, b: 46 };
const COLORS = { baseline: "#9aa5b1", arena: "#2f6fde", pass: "#2e9e5b", fail: "#d64545", off: "#d68a45", grid: "#e4e7eb", text: "#1f2933" };

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function text(x: number, y: number, s: string, opts: { size?: number; anchor?: string; weight?: string; fill?: string } = {}): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${opts.size ?? 11}" text-anchor="${opts.anchor ?? "start"}"${opts.weight ? ` font-weight="${opts.weight}"` : ""} fill="${opts.fill ?? COLORS.text}">${esc(s)}</text>`;
}

/** An axis maximum of four round steps at or above `v`. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const step = v / 4;
  const p = 10 ** Math.floor(Math.log10(step));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= step) return 4 * m * p;
  return 40 * p;
}

function kfmt(v: number): string {
  if (v < 1000) return String(Math.round(v));
  const k = v / 1000;
  return `${k >= 10 || Number.isInteger(k) ? Math.round(k) : k.toFixed(1)}k`;
}

/** Axes, grid and title of one panel at (ox, 0); returns the y mapper. */
function frame(ox: number, title: string, yMax: number, yLabel: string): { svg: string; y: (v: number) => number; x0: number; x1: number } {
  const x0 = ox + PAD.l;
  const x1 = ox + W - PAD.r;
  const y = (v: number) => H - PAD.b - (v / yMax) * (H - PAD.t - PAD.b);
  let svg = text(ox + W / 2, 18, title, { size: 12, anchor: "middle", weight: "600" });
  for (let k = 0; k <= 4; k++) {
    const v = (yMax / 4) * k;
    svg += `<line x1="${x0}" x2="${x1}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${COLORS.grid}"/>`;
    svg += text(x0 - 6, y(v) + 4, kfmt(v), { anchor: "end", size: 10 });
  }
  svg += `<text transform="translate(${ox + 12},${(H - PAD.b + PAD.t) / 2}) rotate(-90)" font-size="10" text-anchor="middle" fill="${COLORS.text}">${esc(yLabel)}</text>`;
  return { svg, y, x0, x1 };
}

function bandwidthPanel(r: BenchResults, ox: number): string {
  const b = r.bandwidth!;
  const groups = [
    { label: `${b.params.movers} movers`, base: b.movers.baseline.payloadBytesPerSec, arena: b.movers.arena.payloadBytesPerSec },
    { label: `${b.params.players} players`, base: b.players.baseline.payloadBytesPerSec, arena: b.players.arena.payloadBytesPerSec },
  ];
  const f = frame(ox, "Bytes/s per client", niceMax(Math.max(...groups.map((g) => g.base))), "payload bytes/s");
  let svg = f.svg;
  const gw = (f.x1 - f.x0) / groups.length;
  groups.forEach((g, i) => {
    const cx = f.x0 + gw * (i + 0.5);
    const bw = gw * 0.3;
    for (const [k, v, color, dx] of [["baseline", g.base, COLORS.baseline, -bw - 2], ["arena", g.arena, COLORS.arena, 2]] as const) {
      svg += `<rect x="${(cx + dx).toFixed(1)}" y="${f.y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(f.y(0) - f.y(v)).toFixed(1)}" fill="${color}"><title>${k}: ${Math.round(v)} B/s</title></rect>`;
      svg += text(cx + dx + bw / 2, f.y(v) - 4, kfmt(v), { size: 10, anchor: "middle" });
    }
    svg += text(cx, H - PAD.b + 16, g.label, { anchor: "middle", size: 10 });
    svg += text(cx, H - PAD.b + 29, `arena = ${Math.round((100 * g.arena) / g.base)}%`, { anchor: "middle", size: 10, fill: COLORS.arena });
  });
  svg += `<rect x="${f.x0}" y="${H - 12}" width="10" height="8" fill="${COLORS.baseline}"/>` + text(f.x0 + 14, H - 4, "plain number fields", { size: 10 });
  svg += `<rect x="${f.x0 + 120}" y="${H - 12}" width="10" height="8" fill="${COLORS.arena}"/>` + text(f.x0 + 134, H - 4, "arena", { size: 10 });
  return svg;
}

function interestPanel(r: BenchResults, ox: number): string {
  const i = r.interest!;
  const on = i.rows.filter((x) => x.mode === "interest");
  const off = i.rows.filter((x) => x.mode === "everything");
  const f = frame(ox, "Interest: bytes/s per client", niceMax(Math.max(...off.map((x) => x.traffic.payloadBytesPerSec))), "payload bytes/s");
  let svg = f.svg;
  const xs = on.map((_, k) => f.x0 + 20 + ((f.x1 - f.x0 - 40) * k) / Math.max(1, on.length - 1));
  const line = (rows: typeof on, color: string) => {
    const pts = rows.map((row, k) => `${xs[k]!.toFixed(1)},${f.y(row.traffic.payloadBytesPerSec).toFixed(1)}`).join(" ");
    let s = `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="2"/>`;
    rows.forEach((row, k) => {
      s += `<circle cx="${xs[k]!.toFixed(1)}" cy="${f.y(row.traffic.payloadBytesPerSec).toFixed(1)}" r="3" fill="${color}"/>`;
      s += text(xs[k]!, f.y(row.traffic.payloadBytesPerSec) - 7, kfmt(row.traffic.payloadBytesPerSec), { size: 10, anchor: "middle", fill: color });
    });
    return s;
  };
  svg += line(off, COLORS.off) + line(on, COLORS.arena);
  on.forEach((row, k) => {
    svg += text(xs[k]!, H - PAD.b + 16, String(row.entities), { anchor: "middle", size: 10 });
  });
  svg += text((f.x0 + f.x1) / 2, H - PAD.b + 30, "entities (same density)", { anchor: "middle", size: 10 });
  svg += `<rect x="${f.x0}" y="${H - 12}" width="10" height="8" fill="${COLORS.arena}"/>` + text(f.x0 + 14, H - 4, `radius ${i.params.radiusPx} px`, { size: 10 });
  svg += `<rect x="${f.x0 + 120}" y="${H - 12}" width="10" height="8" fill="${COLORS.off}"/>` + text(f.x0 + 134, H - 4, "everything", { size: 10 });
  return svg;
}

function capacityPanel(r: BenchResults, ox: number): string {
  const c = r.capacity!;
  const f = frame(ox, "Capacity: server CPU on one core", 100, "% of one core");
  let svg = f.svg;
  const n = c.steps.length;
  const gw = (f.x1 - f.x0) / Math.max(1, n);
  c.steps.forEach((s, k) => {
    const cx = f.x0 + gw * (k + 0.5);
    const bw = gw * 0.55;
    const v = Math.min(100, s.cpuPct);
    const color = s.pass ? COLORS.pass : COLORS.fail;
    svg += `<rect x="${(cx - bw / 2).toFixed(1)}" y="${f.y(v).toFixed(1)}" width="${bw.toFixed(1)}" height="${(f.y(0) - f.y(v)).toFixed(1)}" fill="${color}"><title>${s.players} players: ${s.pass ? "pass" : s.failures.join("; ")}</title></rect>`;
    svg += text(cx, f.y(v) - 4, `${Math.round(s.cpuPct)}%`, { size: 10, anchor: "middle" });
    svg += text(cx, H - PAD.b + 16, String(s.players), { anchor: "middle", size: 10 });
    svg += text(cx, H - PAD.b + 28, `${s.eventLoopDelayMsP99.toFixed(0)} ms`, { anchor: "middle", size: 9, fill: "#616e7c" });
  });
  svg += text(f.x0 - 6, H - PAD.b + 28, "loop p99", { anchor: "end", size: 9, fill: "#616e7c" });
  svg += `<rect x="${f.x0}" y="${H - 12}" width="10" height="8" fill="${COLORS.pass}"/>` + text(f.x0 + 14, H - 4, "all targets met", { size: 10 });
  svg += `<rect x="${f.x0 + 120}" y="${H - 12}" width="10" height="8" fill="${COLORS.fail}"/>` + text(f.x0 + 134, H - 4, "a target missed", { size: 10 });
  return svg;
}

/** The chart for docs/performance.svg, or null when the run lacks the scenarios it draws. */
export function chartSvg(r: BenchResults): string | null {
  const panels = [r.bandwidth && bandwidthPanel, r.interest && interestPanel, r.capacity && capacityPanel].filter(Boolean) as ((r: BenchResults, ox: number) => string)[];
  if (panels.length === 0) return null;
  const width = W * panels.length;
  const body = panels.map((p, k) => p(r, k * W)).join("\n");
  const note = text(width - 6, H + 14, `npm run bench, ${r.startedAt.slice(0, 10)}, commit ${r.commit}, Node ${r.machine.node}`, { size: 9, anchor: "end", fill: "#7b8794" });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H + 20}" viewBox="0 0 ${width} ${H + 20}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">
<rect width="100%" height="100%" fill="#ffffff"/>
${body}
${note}
</svg>
`;
}
