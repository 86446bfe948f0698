import { fileURLToPath } from "node:url";
import { TICK_HZ } from "@arena/shared";
import { BenchServer } from "../lib/bench-server-child.js";
import { Child } from "../lib/child.js";
import { sleep } from "../lib/stats.js";
import type { InputFormat, SwarmReply, SwarmRequest, SwarmStats } from "../server/bot-swarm.js";
import type { BenchServerConfig, ServerStats } from "../server/bench-server.js";

const SWARM = fileURLToPath(new URL("../server/bot-swarm.js", import.meta.url));

export type Swarm = Child<SwarmRequest, SwarmReply>;

/** What the bots join and how they send: the arena by default. */
export interface SessionRoom {
  roomName: string;
  inputFormat: InputFormat;
  joinOptions?: Record<string, unknown>;
}

/** One measuring window: reset both sides, wait, read both sides. */
export async function measureWindow(server: BenchServer, swarm: Swarm, seconds: number): Promise<{ s: ServerStats; bots: SwarmStats }> {
  await server.stats(true);
  await swarm.request({ type: "stats", reset: true }, "stats");
  await sleep(seconds * 1000);
  const s = await server.stats(true);
  const bots = (await swarm.request({ type: "stats", reset: true }, "stats")).stats;
  return { s, bots };
}

/** Server CPU over a window, % of one core. */
export const cpuPct = (s: ServerStats): number => (100 * (s.cpuUserMs + s.cpuSystemMs)) / s.wallMs;

/** Inputs the bots sent / what `players` players send at the tick rate. */
export function inputShare(bots: SwarmStats, players: number): number {
  return players ? bots.inputsSent / (bots.wallMs / 1000) / (players * TICK_HZ) : 1;
}

/**
 * A fresh bench server pinned to core 0 and a bot process on core 1 (when `pinned`) for the
 * duration of `body`; both are stopped afterwards, also when `body` throws. `serverConfig`: more
 * of the server's settings (deflate is off unless it says otherwise).
 */
export async function withSession(
  pinned: boolean, fireTicksPerSecond: number, room: SessionRoom, log: (line: string) => void,
  body: (server: BenchServer, swarm: Swarm, idle: ServerStats) => Promise<void>,
  serverConfig: Partial<BenchServerConfig> = {},
): Promise<void> {
  const server = await BenchServer.start({ deflate: "off", ...serverConfig }, pinned ? 0 : undefined);
  const swarm: Swarm = new Child(SWARM, {
    httpBase: server.httpBase, roomName: room.roomName, joinOptions: room.joinOptions, fireTicksPerSecond, inputFormat: room.inputFormat,
  }, { pinCore: pinned ? 1 : undefined });
  try {
    await sleep(1500);
    const idle = await server.stats(true);
    log(`  server pid ${server.pid}${pinned ? " on core 0" : ""}, bots pid ${swarm.pid}${pinned ? " on core 1" : ""} (${room.roomName}${serverConfig.recordDir ? ", recording" : ""}); idle RSS ${idle.rssMb.toFixed(0)} MB`);
    await body(server, swarm, idle);
  } finally {
    await swarm.stop({ type: "stop" });
    await server.stop();
  }
}
