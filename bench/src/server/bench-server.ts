import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { Server, type RegisteredHandler, type Room } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { configureMatchmakingGate, configureRecording, DEFAULT_RECORDING, NO_MATCHMAKING_QUOTAS } from "@arena/server/framework";
import { ROOM_TYPES } from "@arena/server/rooms/registry.js";
import { MAX_PLAYERS_PER_ROOM } from "@arena/shared/games/arena";
import { BASELINE_CAPACITY_ROOM, BaselineRoom } from "../rooms/baseline-room.js";
import { BenchArenaRoom } from "../rooms/bench-arena-room.js";
import { FieldRoom } from "../rooms/field-room.js";
import { SoaRoom } from "../rooms/soa-room.js";
import { instrument, probeStats, resetProbes, type RoomTypeStats } from "./probe.js";
import { LoopDelay } from "../lib/loop-delay.js";
import type * as Scale from "../../../server/src/scale/index.js";

/** The game server's scale-out module (server/dist/scale), loaded only for a process that shares matchmaking. */
const SCALE_MODULE = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../server/dist/scale/index.js")).href;

/** How the parent configures this server process (argv[2], JSON). */
export interface BenchServerConfig {
  /**
   * permessage-deflate: off (the project's setting); "on" with ws defaults (context takeover:
   * ws then compresses every message, its 1 KB threshold only applies without takeover); or
   * "join-only": no context takeover, so only messages of 1 KB and more (the join snapshot) are.
   */
  deflate: "off" | "on" | "join-only";
  /** Port to listen on (0 or absent: any free one). Set when PUBLIC_ADDRESS must name it in advance. */
  port?: number;
  /**
   * Rooms record as the game server's do by default (RECORD=1, default settings) into this
   * directory, which the parent creates and removes (see capacity-recording.ts). Absent: no recording.
   */
  recordDir?: string;
}

/** Process-level measurements since the last reset. */
export interface ServerStats {
  wallMs: number;
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Event-loop utilisation (0..1): share of wall time the loop was busy. */
  elu: number;
  eventLoopDelayMsP50: number;
  eventLoopDelayMsP99: number;
  eventLoopDelayMsMax: number;
  rssMb: number;
  heapUsedMb: number;
  rooms: RoomTypeStats[];
}

export type ParentMessage = { type: "stats"; reset: boolean } | { type: "stop" };
export type ChildMessage = { type: "ready"; port: number } | { type: "stats"; stats: ServerStats };

/**
 * Instrument (see probe.ts) every room `handler` creates, once its onCreate has run. Through the
 * handler's "create" event, not a subclass: TickRoom refuses subclasses that override onCreate.
 */
function measured(handler: RegisteredHandler, name: string): RegisteredHandler {
  return handler.on("create", (room: Room) => instrument(room, name));
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? "{}") as BenchServerConfig;
  const perMessageDeflate = config.deflate === "off" ? false
    : config.deflate === "on" ? true
      : { serverNoContextTakeover: true, clientNoContextTakeover: true, threshold: 1024 };
  const httpServer = http.createServer();
  // The same transport limits as the game server (server/src/game-server.ts), plus the deflate switch.
  const transport = new WebSocketTransport({ server: httpServer, maxPayload: 4096, pingInterval: 3000, pingMaxRetries: 2, perMessageDeflate });
  // With REDIS_URL (and PUBLIC_ADDRESS) in the environment, share presence and matchmaking
  // through Redis exactly as startGameServer does with its `scale` option (server/src/game-server.ts).
  const scaleModule = process.env.REDIS_URL ? (await import(SCALE_MODULE)) as typeof Scale : undefined;
  const scale = scaleModule?.scaleFromEnv(process.env);
  const gameServer = new Server({ transport, greet: false, gracefullyShutdown: false, ...scaleModule?.scaleServerOptions(scale) });
  scaleModule?.attachScale(gameServer, scale);
  if (config.recordDir) configureRecording({ ...DEFAULT_RECORDING, dir: config.recordDir });
  const serverConfig = { serverConfig: { reconnectGraceSec: 0 } };
  // The swarm is a thousand players from one address: the per-address quotas would refuse it.
  configureMatchmakingGate({ quotas: NO_MATCHMAKING_QUOTAS });
  // Every game as the game server defines it (server/src/rooms/registry.ts, app.ts: listing +
  // fullest-first quick play, default room-type options), instrumented.
  for (const type of ROOM_TYPES) {
    measured(gameServer.define(type.name, type.room, { ...type.options?.({}), ...serverConfig }), type.name).enableRealtimeListing().sortBy({ clients: -1 });
  }
  measured(gameServer.define("bench-arena", BenchArenaRoom, serverConfig), "bench-arena");
  measured(gameServer.define("bench-baseline", BaselineRoom), "bench-baseline");
  // The capacity scenario's plain-room comparison: rooms of 16 players like the arena's.
  measured(gameServer.define(BASELINE_CAPACITY_ROOM, BaselineRoom, { maxClients: MAX_PLAYERS_PER_ROOM }), BASELINE_CAPACITY_ROOM);
  measured(gameServer.define("bench-field", FieldRoom, serverConfig), "bench-field");
  measured(gameServer.define("bench-soa", SoaRoom), "bench-soa");
  await gameServer.listen(config.port ?? 0, "127.0.0.1");
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;

  const delay = new LoopDelay();
  let since = { wall: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
  const send = (m: ChildMessage) => process.send?.(m);

  process.on("message", (raw: ParentMessage) => {
    if (raw.type === "stop") {
      void gameServer.gracefullyShutdown(false).finally(() => process.exit(0));
      return;
    }
    const cpu = process.cpuUsage(since.cpu);
    const mem = process.memoryUsage();
    const stats: ServerStats = {
      wallMs: performance.now() - since.wall,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      elu: performance.eventLoopUtilization(since.elu).utilization,
      eventLoopDelayMsP50: delay.percentileMs(50),
      eventLoopDelayMsP99: delay.percentileMs(99),
      eventLoopDelayMsMax: delay.maxMs,
      rssMb: mem.rss / 2 ** 20,
      heapUsedMb: mem.heapUsed / 2 ** 20,
      rooms: probeStats(),
    };
    send({ type: "stats", stats });
    if (raw.reset) {
      resetProbes();
      delay.reset();
      since = { wall: performance.now(), cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() };
    }
  });
  // The parent going away takes this process with it.
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", port });
}

void main();
