import { execSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { killChildren } from "./lib/child.js";
import { writeDocs } from "./report/docs.js";
import { summaryTables, targets, type BenchResults } from "./report/summary.js";
import { markdownTable } from "./lib/table.js";
import { runBandwidth, type BandwidthParams } from "./scenarios/bandwidth.js";
import { runCapacity, BROWSER_INPUT_FORMAT, type CapacityParams } from "./scenarios/capacity.js";
import { compareRecording, type RecordingCapacityParams } from "./scenarios/capacity-recording.js";
import { canPin } from "./lib/child.js";
import { runCluster, type ClusterParams } from "./scenarios/cluster.js";
import { runClientCost, type ClientCostParams } from "./scenarios/client-cost.js";
import { runDeflate, type DeflateParams } from "./scenarios/deflate.js";
import { runInputParse } from "./scenarios/input-parse.js";
import { runRecordingCost } from "./scenarios/recording.js";
import { runInterest, type InterestParams } from "./scenarios/interest.js";
import { runHitRegistration, type HitRegistrationParams } from "./scenarios/hit-registration.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
const SCENARIOS = ["bandwidth", "interest", "capacity", "recording", "capacity-recording", "client", "deflate", "cluster", "hits"] as const;
type Scenario = (typeof SCENARIOS)[number];

const USAGE = `usage: npm run bench [-- --quick] [--only ${SCENARIOS.join(",")}] [--docs | --no-docs]
                 [--steps 768,1024] [--windows N] [--no-compare] [--record-players N] [--record-rounds N]

Runs the benchmarks (about 9 minutes; --quick about 3), prints tables, writes
bench-results/bench-<time>.json (and latest.json). A full run also rewrites the results section
of docs/performance.md and docs/performance.svg (--no-docs to skip; --docs to do it after --quick).
Capacity only: --steps replaces the player counts stepped through, --windows the most measuring
windows per step (the first passing one is kept), --no-compare skips the input-format A/B and the plain-room comparison.
capacity-recording (3e: the capacity scenario with recording off and on, a fresh server each, alternating;
about 2 minutes): --record-players the player count (default 1024), --record-rounds the rounds (default 2).`;

interface Args {
  quick: boolean;
  only: Set<Scenario>;
  docs: boolean | null;
  /** Capacity overrides. */
  steps: number[] | null;
  windows: number | null;
  compare: boolean;
  /** Capacity-recording overrides. */
  recordPlayers: number | null;
  recordRounds: number | null;
}

const positiveInts = (flag: string, value: string | undefined): number[] => {
  const list = (value ?? "").split(",").filter(Boolean).map(Number);
  if (!list.length || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`${flag} takes positive integers, comma-separated`);
  return list;
};

function parseArgs(argv: string[]): Args | "help" {
  let quick = false;
  let docs: boolean | null = null;
  let only = new Set<Scenario>(SCENARIOS);
  let steps: number[] | null = null;
  let windows: number | null = null;
  let compare = true;
  let recordPlayers: number | null = null;
  let recordRounds: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--quick") quick = true;
    else if (a === "--docs") docs = true;
    else if (a === "--no-docs") docs = false;
    else if (a === "--only") {
      const names = (argv[++i] ?? "").split(",").filter(Boolean);
      const bad = names.filter((n) => !SCENARIOS.includes(n as Scenario));
      if (bad.length || names.length === 0) throw new Error(`--only takes some of: ${SCENARIOS.join(", ")}`);
      only = new Set(names as Scenario[]);
    } else if (a === "--steps") steps = positiveInts(a, argv[++i]);
    else if (a === "--windows") windows = positiveInts(a, argv[++i])[0]!;
    else if (a === "--no-compare") compare = false;
    else if (a === "--record-players") recordPlayers = positiveInts(a, argv[++i])[0]!;
    else if (a === "--record-rounds") recordRounds = positiveInts(a, argv[++i])[0]!;
    else if (a === "--help" || a === "-h") return "help";
    else throw new Error(`unknown argument ${a}`);
  }
  return { quick, only, docs, steps, windows, compare, recordPlayers, recordRounds };
}

function params(args: Args) {
  const { quick } = args;
  const bandwidth: BandwidthParams = quick
    ? { movers: 60, durationSec: 8, warmupSec: 2, players: 16, playersDurationSec: 5 }
    : { movers: 60, durationSec: 30, warmupSec: 3, players: 16, playersDurationSec: 15 };
  const interest: InterestParams = {
    entityCounts: [100, 200, 400], areaPerEntityPx2: 40_000, aspect: 4 / 3, radiusPx: 600, observers: 8,
    durationSec: quick ? 4 : 10, warmupSec: quick ? 1.5 : 3,
  };
  const capacity: CapacityParams = quick
    ? { steps: [256, 512], warmupSec: 2, measureSec: 4, fireTicksPerSecond: 12, compareAt: 256, compareRounds: 1, plainRoomRounds: 1, windowsPerStep: 1 }
    : { steps: [256, 512, 768, 1024, 1280], warmupSec: 4, measureSec: 8, fireTicksPerSecond: 12, compareAt: 512, compareRounds: 3, plainRoomRounds: 2, windowsPerStep: 3 };
  if (args.steps) capacity.steps = [...args.steps].sort((a, b) => a - b);
  if (args.windows) capacity.windowsPerStep = args.windows;
  if (!args.compare) {
    capacity.compareRounds = 0;
    capacity.plainRoomRounds = 0;
  }
  const recordingCapacity: RecordingCapacityParams = quick
    ? { players: 512, rounds: 1, warmupSec: 2, measureSec: 4, windowsPerSession: 1, fireTicksPerSecond: 12 }
    : { players: 1024, rounds: 2, warmupSec: 4, measureSec: 8, windowsPerSession: 2, fireTicksPerSecond: 12 };
  if (args.recordPlayers) recordingCapacity.players = args.recordPlayers;
  if (args.recordRounds) recordingCapacity.rounds = args.recordRounds;
  const client: ClientCostParams = { remotes: 60, frames: quick ? 1500 : 6000, warmupFrames: quick ? 300 : 1200, fps: 60 };
  const deflate: DeflateParams = { movers: 48, clients: 16, durationSec: quick ? 4 : 10, warmupSec: quick ? 1.5 : 2, pingEveryMs: 200 };
  const cluster: ClusterParams = quick
    ? { players: 256, warmupSec: 3, measureSec: 8, fireTicksPerSecond: 12 }
    : { players: 256, warmupSec: 4, measureSec: 30, fireTicksPerSecond: 12 };
  const hits: HitRegistrationParams = {
    links: [{ lagMs: 0, jitterMs: 0 }, { lagMs: 100, jitterMs: 10 }, { lagMs: 200, jitterMs: 30 }, { lagMs: 700, jitterMs: 0 }],
    shots: quick ? 20 : 60,
  };
  return { bandwidth, interest, capacity, recordingCapacity, client, deflate, cluster, hits };
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (args === "help") {
    console.log(USAGE);
    return;
  }
  const p = params(args);
  const log = (line: string) => console.log(line);
  const commit = (() => {
    try {
      return execSync("git rev-parse --short HEAD", { cwd: ROOT }).toString().trim() + (execSync("git status --porcelain", { cwd: ROOT }).toString().trim() ? "+dirty" : "");
    } catch {
      return "unknown";
    }
  })();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    quick: args.quick,
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "", loadAvgStart: loadavg()[0]!, loadAvgEnd: 0 },
    commit,
  };
  const started = performance.now();
  const run = async <T>(name: Scenario, title: string, fn: () => Promise<T> | T): Promise<T | undefined> => {
    if (!args.only.has(name)) return undefined;
    log(`\n== ${title} ==`);
    const t0 = performance.now();
    const value = await fn();
    log(`   (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    return value;
  };
  log(`bench ${args.quick ? "(quick) " : ""}on Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)}, commit ${commit}`);
  results.bandwidth = await run("bandwidth", `1. Bandwidth (params ${JSON.stringify(p.bandwidth)})`, () => runBandwidth(p.bandwidth, log));
  results.interest = await run("interest", `2. Interest management (params ${JSON.stringify(p.interest)})`, () => runInterest(p.interest, log));
  results.capacity = await run("capacity", `3. Capacity (params ${JSON.stringify(p.capacity)})`, () => runCapacity(p.capacity, log));
  results.recording = await run("recording", "3d. Recording cost, in process (params {\"players\":16,\"ticks\":3600,\"rounds\":3})", () => runRecordingCost(16, 3600, 3, log));
  results.recordingCapacity = await run("capacity-recording", `3e. Capacity with recording off and on (params ${JSON.stringify(p.recordingCapacity)})`, () => {
    const pinned = canPin(2);
    if (!pinned) log("  ! taskset or a second core is missing: running unpinned (numbers are not comparable)");
    return compareRecording(p.recordingCapacity, { roomName: "arena", inputFormat: BROWSER_INPUT_FORMAT }, pinned, log);
  });
  if (args.compare) results.inputParse = await run("capacity", "3b. Input parsing, in process (params {\"iterations\":300000,\"rounds\":5})", () => runInputParse(300_000, 5, log));
  results.client = await run("client", `4. Client cost (params ${JSON.stringify(p.client)})`, () => {
    const r = runClientCost(p.client, 3);
    log(`  per frame: baseline ${r.baseline.usPerFrame.toFixed(1)} µs, arena ${r.arena.usPerFrame.toFixed(1)} µs`);
    return r;
  });
  results.deflate = await run("deflate", `5. permessage-deflate (params ${JSON.stringify(p.deflate)})`, () => runDeflate(p.deflate, log));
  results.cluster = await run("cluster", `6. Load across processes (params ${JSON.stringify(p.cluster)})`, () => runCluster(p.cluster, log));
  results.hits = await run("hits", `7. Hit registration at latency (params ${JSON.stringify(p.hits)})`, () => runHitRegistration(p.hits, log));
  results.machine.loadAvgEnd = loadavg()[0]!;
  results.durationSec = (performance.now() - started) / 1000;
  results.targets = targets(results);

  log("");
  for (const { title, table } of summaryTables(results)) log(`### ${title}\n\n${markdownTable(table)}\n`);
  const dir = path.join(ROOT, "bench-results");
  mkdirSync(dir, { recursive: true });
  const json = JSON.stringify(results, null, 2);
  const file = path.join(dir, `bench-${results.startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, json);
  writeFileSync(path.join(dir, "latest.json"), json);
  log(`results: ${path.relative(ROOT, file)}`);
  // A partial or altered capacity run does not rewrite the docs unless asked (--docs).
  const complete = SCENARIOS.every((s) => args.only.has(s)) && !args.steps && !args.windows && args.compare && !args.recordPlayers && !args.recordRounds;
  if (args.docs ?? (!args.quick && complete)) {
    const written = writeDocs(ROOT, results);
    log(`docs: ${written.join(", ")}`);
  }
  log(`done in ${(results.durationSec / 60).toFixed(1)} min`);
}

main().then(
  () => {
    killChildren();
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    killChildren();
    process.exit(1);
  },
);
