import { mean, round, sleep } from "../lib/stats.js";
import type { InputFormat } from "../server/bot-swarm.js";
import { BASELINE_CAPACITY_ROOM } from "../rooms/baseline-room.js";
import { cpuPct, inputShare, measureWindow, withSession, type SessionRoom } from "./capacity-session.js";

/** One side of the comparison, one window. */
export interface PlainRoomWindow {
  cpuPct: number;
  eventLoopDelayMsP99: number;
  /** Bytes the bots read per player per second (WebSocket payload). */
  downBytesPerPlayerPerSec: number;
  /** Input messages the bots sent per player per second. */
  inputMessagesPerPlayerPerSec: number;
  /** Inputs sent / inputs due at 60 Hz (below 1: the load generator fell behind). */
  inputShare: number;
}

/** The arena and a plain Colyseus room carrying the same players, in alternating sessions of one run. */
export interface PlainRoomComparison {
  players: number;
  arena: PlainRoomWindow[];
  plain: PlainRoomWindow[];
  /** Mean arena CPU / mean plain-room CPU. */
  cpuRatio: number;
}

export interface PlainRoomParams {
  players: number;
  rounds: number;
  warmupSec: number;
  measureSec: number;
  fireTicksPerSecond: number;
}

/**
 * Server CPU per player of the arena (as the browser client sends: three packed records per
 * message) against `BaselineRoom` in rooms of 16: a plain Colyseus room with `number` fields,
 * one msgpack `input` message per tick, the same movement step, no validation, views or shots.
 * Each round runs both, each on a fresh server, in alternating order.
 */
export async function comparePlainRoom(
  params: PlainRoomParams, arena: SessionRoom, pinned: boolean, log: (line: string) => void,
): Promise<PlainRoomComparison> {
  const plain: SessionRoom = { roomName: BASELINE_CAPACITY_ROOM, inputFormat: "msgpack" satisfies InputFormat, joinOptions: { play: true } };
  const result: PlainRoomComparison = { players: params.players, arena: [], plain: [], cpuRatio: 0 };
  for (let r = 0; r < params.rounds; r++) {
    const order = r % 2 === 0 ? [arena, plain] : [plain, arena];
    for (const room of order) {
      await withSession(pinned, params.fireTicksPerSecond, room, log, async (server, swarm) => {
        const players = (await swarm.request({ type: "add", count: params.players }, "added", 300_000)).bots;
        await sleep(params.warmupSec * 1000);
        const { s, bots } = await measureWindow(server, swarm, params.measureSec);
        const seconds = bots.wallMs / 1000;
        const w: PlainRoomWindow = {
          cpuPct: cpuPct(s),
          eventLoopDelayMsP99: s.eventLoopDelayMsP99,
          downBytesPerPlayerPerSec: players ? bots.bytesReceived / seconds / players : 0,
          inputMessagesPerPlayerPerSec: players ? bots.inputMessagesSent / seconds / players : 0,
          inputShare: inputShare(bots, players),
        };
        (room === arena ? result.arena : result.plain).push(w);
        log(`    ${room === arena ? "arena" : "plain room"}, ${players} players: CPU ${round(w.cpuPct, 1)}%, loop p99 ${round(w.eventLoopDelayMsP99, 1)} ms, ` +
          `${round(w.downBytesPerPlayerPerSec, 0)} B/s down and ${round(w.inputMessagesPerPlayerPerSec, 1)} input messages/s per player, inputs sent ${round(100 * w.inputShare, 0)}% of those due`);
      });
    }
  }
  const plainCpu = mean(result.plain.map((w) => w.cpuPct));
  result.cpuRatio = plainCpu > 0 ? mean(result.arena.map((w) => w.cpuPct)) / plainCpu : 0;
  return result;
}
