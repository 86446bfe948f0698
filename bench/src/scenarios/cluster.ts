import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { TICK_HZ } from "@arena/shared";
import { MAX_PLAYERS_PER_ROOM } from "@arena/shared/games/arena";
import { findRedisServer, freePort, redisPing } from "@arena/server/tools/local-net.js";
import { BenchServer } from "../lib/bench-server-child.js";
import { Child, canPin, trackChild } from "../lib/child.js";
import { round, sleep } from "../lib/stats.js";
import type { SwarmReply, SwarmRequest, SwarmStats } from "../server/bot-swarm.js";
import { BROWSER_INPUT_FORMAT } from "./capacity.js";
import type { ServerStats } from "../server/bench-server.js";

const SWARM = fileURLToPath(new URL("../server/bot-swarm.js", import.meta.url));

export interface ClusterParams {
  /** Total players, in the single process and across the two processes alike. */
  players: number;
  warmupSec: number;
  measureSec: number;
  fireTicksPerSecond: number;
}

/** One server process over the measuring window. */
export interface ClusterProcessRow {
  /** "single" (one process, in-process matchmaking) or "cluster" (two processes sharing matchmaking through Redis). */
  mode: "single" | "cluster";
  /** "A"/"B" in the cluster, "-" alone. */
  process: string;
  core: number | null;
  players: number;
  rooms: number;
  tickMsP50: number;
  tickMsP99: number;
  tickHz: number;
  eventLoopDelayMsP99: number;
  cpuPct: number;
  rssMb: number;
  inputsDropped: number;
}

export interface ClusterResult {
  params: ClusterParams & { playersPerRoom: number; pinned: boolean; botsPinned: false; redis: string };
  rows: ClusterProcessRow[];
  /** Bots over each window: what they sent against what was due, and how many stayed connected. */
  bots: { single: { open: number; inputShare: number; joinFailures: number }; cluster: { open: number; inputShare: number; joinFailures: number } };
  /** Set when the scenario could not run (no redis-server). */
  skipped?: string;
}

type Swarm = Child<SwarmRequest, SwarmReply>;




/** A redis-server on a free 127.0.0.1 port, no persistence, in its own temp dir (as server/test/cluster/harness.ts). */
async function startRedis(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arena-bench-redis-"));
  const proc = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  trackChild(proc);
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    await Promise.race([exited, sleep(5000)]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (Date.now() > deadline || proc.exitCode !== null) {
      await stop();
      throw new Error(`redis-server on port ${port} did not answer`);
    }
    await sleep(100);
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

const cpuPct = (s: ServerStats) => (100 * (s.cpuUserMs + s.cpuSystemMs)) / s.wallMs;

function row(mode: ClusterProcessRow["mode"], name: string, core: number | null, s: ServerStats): ClusterProcessRow {
  const arena = s.rooms.find((r) => r.name === "arena");
  const rooms = arena?.rooms ?? 0;
  return {
    mode, process: name, core,
    players: arena?.clients ?? 0,
    rooms,
    tickMsP50: arena?.tickMsP50 ?? 0,
    tickMsP99: arena?.tickMsP99 ?? 0,
    tickHz: rooms ? arena!.ticks / rooms / (s.wallMs / 1000) : 0,
    eventLoopDelayMsP99: s.eventLoopDelayMsP99,
    cpuPct: cpuPct(s),
    rssMb: s.rssMb,
    inputsDropped: arena?.inputsDropped ?? 0,
  };
}

const botSummary = (b: SwarmStats, players: number) => ({
  open: b.open, joinFailures: b.joinFailures,
  inputShare: players ? b.inputsSent / (b.wallMs / 1000) / (players * TICK_HZ) : 1,
});

/**
 * Join `players` bots (through the servers alternately), warm up, then one window: every
 * server's stats and the bots', reset at the start and read at the end.
 */
async function measure(servers: BenchServer[], swarm: Swarm, params: ClusterParams): Promise<{ stats: ServerStats[]; bots: SwarmStats; joinFailures: number }> {
  const added = await swarm.request({ type: "add", count: params.players }, "added", 300_000);
  await sleep(params.warmupSec * 1000);
  for (const s of servers) await s.stats(true);
  await swarm.request({ type: "stats", reset: true }, "stats");
  await sleep(params.measureSec * 1000);
  const stats = await Promise.all(servers.map((s) => s.stats(true)));
  const bots = (await swarm.request({ type: "stats", reset: true }, "stats")).stats;
  return { stats, bots, joinFailures: added.failures };
}

function logRow(log: (line: string) => void, r: ClusterProcessRow): void {
  log(`  ${r.mode === "single" ? "single process " : `cluster ${r.process}      `}${r.core !== null ? ` (core ${r.core})` : ""}: ${r.players} players in ${r.rooms} rooms, ` +
    `tick p50/p99 ${round(r.tickMsP50, 3)}/${round(r.tickMsP99, 3)} ms, ${round(r.tickHz, 2)} Hz, loop p99 ${round(r.eventLoopDelayMsP99, 1)} ms, CPU ${round(r.cpuPct, 0)}%, ` +
    `inputs dropped ${r.inputsDropped}`);
}

/**
 * Scenario 6: load across processes. The same total players (a) on one server process and
 * (b) on two server processes sharing presence and matchmaking through a local redis-server
 * (REDIS_URL + PUBLIC_ADDRESS, the game server's own scale-out path), the bots matchmaking
 * through the two alternately. Servers pinned to cores 0 and 1 when possible; the bots and
 * redis-server are not pinned (they share the cores). Measured one after the other in one run.
 */
export async function runCluster(params: ClusterParams, log: (line: string) => void): Promise<ClusterResult> {
  const pinned = canPin(2);
  const bin = findRedisServer();
  const empty = { open: 0, inputShare: 0, joinFailures: 0 };
  const base = { ...params, playersPerRoom: MAX_PLAYERS_PER_ROOM, pinned, botsPinned: false as const, redis: bin ?? "" };
  if (!bin) {
    log("  ! redis-server not found (apt-get install redis-server): skipped");
    return { params: base, rows: [], bots: { single: empty, cluster: empty }, skipped: "redis-server not found" };
  }
  if (!pinned) log("  ! taskset or a second core is missing: running unpinned");
  const swarmConfig = { roomName: "arena", fireTicksPerSecond: params.fireTicksPerSecond, inputFormat: BROWSER_INPUT_FORMAT };
  const rows: ClusterProcessRow[] = [];

  // (a) One process, in-process matchmaking.
  let single = empty;
  {
    const server = await BenchServer.start({ deflate: "off" }, pinned ? 0 : undefined);
    const swarm: Swarm = new Child(SWARM, { ...swarmConfig, httpBase: server.httpBase });
    try {
      await sleep(1500);
      const m = await measure([server], swarm, params);
      const r = row("single", "-", pinned ? 0 : null, m.stats[0]!);
      rows.push(r);
      logRow(log, r);
      single = { ...botSummary(m.bots, params.players), joinFailures: m.joinFailures };
    } finally {
      await swarm.stop({ type: "stop" });
      await server.stop();
    }
  }

  // (b) Two processes, matchmaking shared through Redis.
  let cluster = empty;
  const redis = await startRedis(bin);
  const servers: BenchServer[] = [];
  let swarm: Swarm | undefined;
  try {
    for (const core of [0, 1]) {
      const port = await freePort();
      servers.push(await BenchServer.start({ deflate: "off", port }, pinned ? core : undefined, {
        REDIS_URL: redis.url, PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      }));
    }
    log(`  redis ${redis.url}; servers pid ${servers.map((s) => s.pid).join(", ")}${pinned ? " on cores 0, 1" : ""}; bots unpinned`);
    swarm = new Child(SWARM, { ...swarmConfig, httpBase: servers[0]!.httpBase, httpBases: servers.map((s) => s.httpBase) });
    await sleep(1500);
    const m = await measure(servers, swarm, params);
    m.stats.forEach((s, i) => {
      const r = row("cluster", "AB"[i]!, pinned ? i : null, s);
      rows.push(r);
      logRow(log, r);
    });
    cluster = { ...botSummary(m.bots, params.players), joinFailures: m.joinFailures };
  } finally {
    await swarm?.stop({ type: "stop" });
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
  }
  return { params: base, rows, bots: { single, cluster } };
}
