import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TICK_HZ } from "@arena/shared";
import { mean, round, sleep } from "../lib/stats.js";
import type { ServerStats } from "../server/bench-server.js";
import { cpuPct, inputShare, measureWindow, withSession, type SessionRoom } from "./capacity-session.js";

/** One measuring window of one side. */
export interface RecordingWindow {
  /** Server process CPU (user + system) per player-tick, µs: the capacity figure's unit. */
  cpuUsPerPlayerTick: number;
  cpuPct: number;
  /** The rooms' tick time p50, ms (the recorder's input() and endTick run inside it). */
  tickMsP50: number;
  eventLoopDelayMsP99: number;
  /** Ticks per second per room. */
  tickHz: number;
  /**
   * Inputs sent / inputs due. A window is disturbed (left out of the means) when this is below
   * 0.95, an input was dropped, or the tick rate is off by more than 2%: the machine was busy.
   */
  inputShare: number;
  inputsDropped: number;
  counted: boolean;
}

/** The capacity scenario at one player count with recording off and on, alternating fresh servers. */
export interface RecordingCapacityResult {
  players: number;
  rounds: number;
  off: RecordingWindow[];
  on: RecordingWindow[];
  /** Means over the counted windows. */
  offUsPerPlayerTick: number;
  onUsPerPlayerTick: number;
  /** (on − off) / off, %; NaN when a side had no undisturbed window. */
  costPct: number;
  /** Each round's (on − off) / off in %, from that round's two sessions (pairs close in time). */
  roundCostPct: number[];
}

export interface RecordingCapacityParams {
  players: number;
  rounds: number;
  warmupSec: number;
  measureSec: number;
  /** Measuring windows per session (one server, one side). */
  windowsPerSession: number;
  fireTicksPerSecond: number;
}

/** Process CPU per player-tick over a window: µs of CPU / (players × ticks per room). */
function usPerPlayerTick(s: ServerStats, roomName: string): number {
  const rooms = s.rooms.find((r) => r.name === roomName);
  if (!rooms || rooms.rooms === 0 || rooms.ticks === 0) return 0;
  const playerTicks = rooms.clients * (rooms.ticks / rooms.rooms);
  return ((s.cpuUserMs + s.cpuSystemMs) * 1000) / playerTicks;
}

/**
 * What recording costs the capacity scenario: `players` bots sending as the browser does, with
 * the game server's default recording settings (bench-server `record`, files in a temporary
 * directory) against none. Each round runs both sides, each on a fresh server (a room records
 * from its creation, so one process cannot switch), in alternating order so a drift of the
 * machine's load does not favour one side. Measured: process CPU per player-tick, so the
 * compressor's and the file's work on libuv's threads counts as well as the room's thread.
 */
export async function compareRecording(
  params: RecordingCapacityParams, room: SessionRoom, pinned: boolean, log: (line: string) => void,
): Promise<RecordingCapacityResult> {
  const result: RecordingCapacityResult = {
    players: params.players, rounds: params.rounds, off: [], on: [], offUsPerPlayerTick: 0, onUsPerPlayerTick: 0, costPct: 0, roundCostPct: [],
  };
  for (let r = 0; r < params.rounds; r++) {
    const order = r % 2 === 0 ? [false, true] : [true, false];
    const roundUs: Record<"on" | "off", number[]> = { on: [], off: [] };
    for (const record of order) {
      // The recordings go to a fresh directory, removed after the session (also when this process exits early).
      const recordDir = record ? fs.mkdtempSync(path.join(os.tmpdir(), "bench-capacity-recordings-")) : undefined;
      const removeDir = (): void => {
        if (recordDir) fs.rmSync(recordDir, { recursive: true, force: true });
      };
      process.once("exit", removeDir);
      try {
        await withSession(pinned, params.fireTicksPerSecond, room, log, async (server, swarm) => {
          const players = (await swarm.request({ type: "add", count: params.players }, "added", 300_000)).bots;
          await sleep(params.warmupSec * 1000);
          for (let w = 0; w < params.windowsPerSession; w++) {
            const { s, bots } = await measureWindow(server, swarm, params.measureSec);
            const rooms = s.rooms.find((x) => x.name === room.roomName);
            const window: RecordingWindow = {
              cpuUsPerPlayerTick: usPerPlayerTick(s, room.roomName),
              cpuPct: cpuPct(s),
              tickMsP50: rooms?.tickMsP50 ?? 0,
            tickHz: rooms?.rooms ? rooms.ticks / rooms.rooms / (s.wallMs / 1000) : 0,
              eventLoopDelayMsP99: s.eventLoopDelayMsP99,
              inputShare: inputShare(bots, players),
              inputsDropped: rooms?.inputsDropped ?? 0,
              counted: false,
            };
            window.counted = window.inputShare >= 0.95 && window.inputsDropped === 0 && window.cpuUsPerPlayerTick > 0 &&
              Math.abs(window.tickHz - TICK_HZ) / TICK_HZ <= 0.02;
            (record ? result.on : result.off).push(window);
            if (window.counted) roundUs[record ? "on" : "off"].push(window.cpuUsPerPlayerTick);
            log(`    recording ${record ? "on " : "off"}, ${players} players: ${round(window.cpuUsPerPlayerTick, 2)} µs CPU per player-tick (${round(window.cpuPct, 1)}% of a core), ` +
              `tick p50 ${round(window.tickMsP50, 3)} ms at ${round(window.tickHz, 1)} Hz, loop p99 ${round(window.eventLoopDelayMsP99, 1)} ms, inputs sent ${round(100 * window.inputShare, 0)}% of those due` +
              `${window.counted ? "" : " (disturbed: left out)"}`);
          }
        }, { recordDir });
      } finally {
        removeDir();
        process.off("exit", removeDir);
      }
    }
    if (roundUs.on.length && roundUs.off.length) result.roundCostPct.push(round((100 * (mean(roundUs.on) - mean(roundUs.off))) / mean(roundUs.off), 1));
  }
  const counted = (ws: RecordingWindow[]): number[] => ws.filter((w) => w.counted).map((w) => w.cpuUsPerPlayerTick);
  result.offUsPerPlayerTick = mean(counted(result.off));
  result.onUsPerPlayerTick = mean(counted(result.on));
  // No undisturbed window on a side: no figure (NaN, which no target accepts).
  result.costPct = result.offUsPerPlayerTick > 0 && result.onUsPerPlayerTick > 0
    ? (100 * (result.onUsPerPlayerTick - result.offUsPerPlayerTick)) / result.offUsPerPlayerTick : Number.NaN;
  if (Number.isNaN(result.costPct)) log("  no figure: a side had no undisturbed window (the machine was too busy, or the server saturated: try fewer --record-players)");
  else {
    log(`  recording off ${round(result.offUsPerPlayerTick, 3)} µs, on ${round(result.onUsPerPlayerTick, 3)} µs of CPU per player-tick: ` +
      `${result.costPct >= 0 ? "+" : ""}${round(result.costPct, 1)}% (per round: ${result.roundCostPct.map((p) => `${p >= 0 ? "+" : ""}${p}%`).join(", ")})`);
  }
  return result;
}
