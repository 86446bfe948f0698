import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { retryJoin } from "@arena/shared";
import { NO_MATCHMAKING_QUOTAS, guestIdentityProvider } from "../framework/index.js";
import { startGameServer } from "../game-server.js";
import { startFaultProxy, type FaultProxy } from "./fault-proxy.js";
import { forceGc } from "./force-gc.js";

export interface SoakOptions {
  durationMs: number;
  /** Bots alive at once. */
  concurrentBots: number;
  /** Seat grace for dropped bots, in s (short, so drops that never come back are cleaned up in the run). */
  reconnectGraceSec: number;
  /** Random seed for the churn pattern. */
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  durationMs: number;
  botsStarted: number;
  joins: number;
  drops: number;
  reconnects: number;
  /** Dropped bots whose seat was gone when they came back (after the grace, or the room closed): they joined a new room instead. */
  rejoins: number;
  leaves: number;
  errors: string[];
  heapBeforeMb: number;
  heapAfterMb: number;
  handlesBefore: number;
  handlesAfter: number;
  roomsLeft: number;
  clientsLeft: number;
}

type BotEnd = "leave" | "drop-and-reconnect" | "drop-for-good";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;
const handles = () => (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;

function mulberry(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Churn: bots join the arena, play for a while, then leave politely, drop and reconnect, or drop
 * for good. In-process server on a free port; the bots reach it through a fault proxy, which
 * drops their connections (as a network would: no close frame). Reports heap (after GC) and
 * handle counts before and after, and what was left behind once every bot is gone.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const random = mulberry(options.seed ?? 1);
  const server = await startGameServer({
    port: 0, host: "127.0.0.1", clientDir: "/nonexistent", roomConfig: { reconnectGraceSec: options.reconnectGraceSec },
    // Dozens of players from one address (dropped ones hold seats through the grace): no per-address caps.
    quotas: NO_MATCHMAKING_QUOTAS,
  });
  const proxy = await startFaultProxy(server.port);
  const url = `ws://127.0.0.1:${proxy.port}`;
  const report: SoakReport = {
    durationMs: options.durationMs, botsStarted: 0, joins: 0, drops: 0, reconnects: 0, rejoins: 0, leaves: 0, errors: [],
    heapBeforeMb: 0, heapAfterMb: 0, handlesBefore: 0, handlesAfter: 0, roomsLeft: 0, clientsLeft: 0,
  };
  // Warm up once so lazily created module state is not counted as a leak.
  await runBot(url, proxy, 500, "leave", report, random).catch(() => undefined);
  report.joins = report.leaves = report.botsStarted = 0;
  forceGc();
  report.heapBeforeMb = heapMb();
  report.handlesBefore = handles();

  const deadline = Date.now() + options.durationMs;
  const running = new Set<Promise<void>>();
  while (Date.now() < deadline) {
    while (running.size < options.concurrentBots) {
      const r = random();
      const end: BotEnd = r < 0.6 ? "leave" : r < 0.85 ? "drop-and-reconnect" : "drop-for-good";
      const lifeMs = 500 + random() * 3000;
      const bot = runBot(url, proxy, lifeMs, end, report, random)
        .catch((err: unknown) => { report.errors.push(String(err)); })
        .finally(() => running.delete(bot));
      running.add(bot);
    }
    await Promise.race(running);
  }
  await Promise.all(running);
  // Dropped-for-good seats expire after the grace period; then rooms auto-dispose.
  const settleDeadline = Date.now() + options.reconnectGraceSec * 1000 + 5000;
  while (Date.now() < settleDeadline && (matchMaker.stats.local.roomCount > 0 || matchMaker.stats.local.ccu > 0)) await sleep(100);
  report.roomsLeft = matchMaker.stats.local.roomCount;
  report.clientsLeft = matchMaker.stats.local.ccu;
  // Sockets of the last bots may still be closing: give them a bounded moment (a leak stays).
  const handlesDeadline = Date.now() + 3000;
  do await sleep(200);
  while (Date.now() < handlesDeadline && handles() > report.handlesBefore);
  forceGc();
  report.heapAfterMb = heapMb();
  report.handlesAfter = handles();
  log(JSON.stringify(report));
  await proxy.close();
  await server.close();
  return report;
}

async function runBot(url: string, proxy: FaultProxy, lifeMs: number, end: BotEnd, report: SoakReport, random: () => number): Promise<void> {
  report.botsStarted++;
  const client = new Client(url);
  client.auth.token = guestIdentityProvider().issue(`soak-${report.botsStarted}`).token;
  let room: Room = await client.joinOrCreate("arena");
  report.joins++;
  room.onMessage("*", () => undefined);
  let seq = 0;
  const play = async (r: Room, ms: number) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      r.send("input", { seq: ++seq, moveX: random() * 2 - 1, moveY: random() * 2 - 1, aim: random() * 6, fire: random() < 0.2 });
      await sleep(1000 / 60);
    }
  };
  await play(room, lifeMs);
  if (end === "leave") {
    await room.leave();
    report.leaves++;
    return;
  }
  const token = room.reconnectionToken;
  report.drops++;
  proxy.connectionOf(room).cut();
  if (end === "drop-for-good") return;
  await sleep(200);
  // As a player does: the seat while it may be held, else a new room (docs/protocol.md, Reconnection).
  let seat: string | null = token;
  const back = await retryJoin(async () => seat ? { room: await client.reconnect(token), reconnected: true } : { room: await client.joinOrCreate("arena"), reconnected: false }, {
    giveUpMs: 10_000,
    onFailure: ({ kind }) => {
      if (kind === "gone" || kind === "auth") seat = null;
    },
  });
  if (!back) throw new Error("a dropped bot could not get back in within 10 s");
  room = back.room;
  if (back.reconnected) report.reconnects++;
  else report.rejoins++;
  room.onMessage("*", () => undefined);
  await play(room, 500);
  await room.leave();
  report.leaves++;
}

/** CLI: `npm run soak -- --minutes N [--bots B]` */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const minutes = arg("minutes", 1);
  const report = await runSoak({
    durationMs: minutes * 60_000, concurrentBots: arg("bots", 24), reconnectGraceSec: arg("grace", 3), log: console.log,
  });
  console.table({
    "bots started": report.botsStarted, joins: report.joins, drops: report.drops, reconnects: report.reconnects, rejoins: report.rejoins,
    leaves: report.leaves, errors: report.errors.length,
    "heap MB before/after (after GC)": `${report.heapBeforeMb.toFixed(1)} / ${report.heapAfterMb.toFixed(1)}`,
    "handles before/after": `${report.handlesBefore} / ${report.handlesAfter}`,
    "rooms left": report.roomsLeft, "clients left": report.clientsLeft,
  });
  const failed = report.roomsLeft > 0 || report.clientsLeft > 0 || report.errors.length > 0;
  process.exit(failed ? 1 : 0);
}

if (process.argv[1]?.endsWith("soak.js")) void main();
