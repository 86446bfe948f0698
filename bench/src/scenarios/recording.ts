import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION, type RecordingHeader } from "@arena/shared";
import { DEFAULT_RECORDING, RoomRecorder, logger, type TickRoomClass } from "@arena/server/framework";
import { ArenaRoom } from "@arena/server/rooms/arena/arena-room.js";
import { arenaBotBrain } from "@arena/server/rooms/arena/arena-bot.js";
import { arenaInputCodec, type ArenaInput } from "@arena/shared/games/arena";
import { JsonLinesRecorder } from "../lib/json-lines-recorder.js";
import { percentile } from "../lib/stats.js";

/** One recorder's figures (medians over rounds). */
export interface RecorderCost {
  /** Checksum every this many ticks. */
  checksumEveryTicks: number;
  /** µs of CPU per tick writing: encoding on the room's thread, compression on the thread pool, GC, the file. */
  writeUs: number;
  /** µs per tick of the checksums at that interval (the state walk, on the room's thread). */
  checksumUs: number;
  /** (writeUs + checksumUs) per player: comparable with the capacity figure's µs of a core per player-tick. */
  usPerPlayerTick: number;
  /** Compressed bytes per player-minute of the files written. */
  bytesPerPlayerMinute: number;
}

export interface RecordingCostResult {
  players: number;
  ticks: number;
  /** µs of CPU per tick of the unrecorded room (arena simulation + bot brains), median over rounds. */
  tickUs: number;
  /** One checksum of this state, µs (median). */
  checksumOnceUs: number;
  /** The recorder (binary, format 2, its default checksum interval), on the bots' inputs as their brains make them (full-precision doubles). */
  binary: RecorderCost;
  /**
   * The same recorder on the same inputs passed through the arena's input codec (encode +
   * decode), as a person's arrive from the browser: axes in 1/127 steps, aim in 1/65536 turns,
   * so more values repeat the previous input's and the rest are coarser.
   */
  binaryPersonLike: RecorderCost;
  /** The format-1 recorder (gzip'd JSON lines, a frozen copy) at its checksum interval (10), same run. */
  jsonLines: RecorderCost;
  /** Kept for older readers of the results: binary's total µs per tick, its share of tickUs, its size. */
  recordUs: number;
  costPct: number;
  bytesPerPlayerMinute: number;
}

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

type Tick = [string, object][];

/**
 * A headless arena room of `players` bots (brains deciding, the simulation stepping) runs
 * `ticks` ticks: its CPU per tick, every input applied, and the time of one checksum.
 */
function simulate(players: number, ticks: number, roomId: string): { cpuUs: number; inputs: Tick[]; checksumUs: number[] } {
  const room = new (ArenaRoom as unknown as TickRoomClass)();
  const config = { ...(room as unknown as { config: Record<string, unknown> }).config };
  const driver = room.startHeadless(roomId, "arena", { practice: false }, config as never);
  const ids = Array.from({ length: players }, (_, i) => `bot-${i + 1}`);
  for (const id of ids) driver.seat(id, { id, name: id }, {}, true);
  const inputs: Tick[] = [];
  const checksumUs: number[] = [];
  let seq = 0;
  const c0 = cpuUs();
  for (let t = 0; t < ticks; t++) {
    driver.beginTick();
    const tick = driver.tick;
    seq++;
    const applied: Tick = [];
    for (const id of ids) {
      const input = { seq, viewTick: tick - 1, ...arenaBotBrain(room.state as never, id, tick) };
      applied.push([id, input]);
      driver.input(id, input as never);
    }
    inputs.push(applied);
    driver.endTick();
    if (t % 60 === 59) {
      const s0 = performance.now();
      driver.checksum();
      checksumUs.push((performance.now() - s0) * 1000);
    }
  }
  return { cpuUs: (cpuUs() - c0) / ticks, inputs, checksumUs };
}

interface Recorder {
  seat(playerId: string, identityId: string, name: string, joinOptions: unknown, bot: boolean): void;
  input(playerId: string, input: object): void;
  endTick(tick: number, checksum: () => number): void;
  finish(reason: "dispose"): Promise<string | null>;
}

/** `inputs` as they would reach the server from a browser: through the arena's packed input codec. */
function throughInputCodec(inputs: Tick[]): Tick[] {
  const bytes = new Uint8Array(arenaInputCodec.byteLength);
  return inputs.map((tick) => tick.map(([id, input]): [string, object] => {
    arenaInputCodec.encode(input as ArenaInput, bytes);
    const decoded = arenaInputCodec.create();
    const error = arenaInputCodec.decode(bytes, decoded);
    if (error) throw new Error(`a bot input did not survive the input codec: ${error}`);
    return [id, decoded];
  }));
}

/**
 * One recorder writing the captured ticks as a room would (the event loop turns every tick, so
 * compression runs beside it), a constant checksum: µs of process CPU per tick from the first
 * tick until the file is closed, and the file's size.
 */
async function write(recorder: Recorder, players: number, inputs: Tick[]): Promise<{ us: number; bytes: number }> {
  for (let i = 0; i < players; i++) recorder.seat(`bot-${i + 1}`, `bot-${i + 1}`, `bot-${i + 1}`, {}, true);
  const checksum = (): number => 0x12345678;
  const c0 = cpuUs();
  for (let t = 0; t < inputs.length; t++) {
    // A fresh copy, as a server's input arrives (just decoded, in cache); the no-op round copies too.
    for (const [id, input] of inputs[t]!) recorder.input(id, { ...input });
    recorder.endTick(t + 1, checksum);
    if (t % 4 === 3) await yieldToLoop();
  }
  const file = await recorder.finish("dispose");
  const us = (cpuUs() - c0) / inputs.length;
  return { us, bytes: file ? fs.statSync(file).size : 0 };
}

/**
 * The recording's cost per tick, in process, without subtracting two noisy totals: the bots'
 * inputs of a headless arena match are captured once (and the simulation's own CPU per tick,
 * and one checksum's time, measured there), then each recorder writes them in `rounds` rounds,
 * alternating the binary recorder and the format-1 JSON-lines recorder. A recorder's cost per
 * tick = its writing (process CPU, so compression on the thread pool counts, minus the same
 * loop's CPU with a recorder that does nothing) + one checksum's time divided by its checksum
 * interval.
 */
export async function runRecordingCost(players: number, ticks: number, rounds: number, log: (line: string) => void): Promise<RecordingCostResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-recording-"));
  const sim = [simulate(players, ticks, "warmup"), simulate(players, ticks, "bench")];
  const { inputs } = sim[1]!;
  const personLike = throughInputCodec(inputs);
  const tickUs = percentile(sim.map((s) => s.cpuUs), 50);
  const checksumOnceUs = percentile([...sim[0]!.checksumUs, ...sim[1]!.checksumUs], 50);
  const none: number[] = [];
  const variants = [
    { name: "binary", every: DEFAULT_RECORDING.checksumEveryTicks, inputs, us: [] as number[], bytes: 0 },
    { name: "binaryPersonLike", every: DEFAULT_RECORDING.checksumEveryTicks, inputs: personLike, us: [] as number[], bytes: 0 },
    { name: "jsonLines", every: 10, inputs, us: [] as number[], bytes: 0 },
  ];
  try {
    for (let r = 0; r < rounds + 1; r++) {
      // The same loop without a recorder: its own cost (the loop, the event-loop turns) is not the recording's.
      const noop: Recorder = { seat: () => undefined, input: () => undefined, endTick: () => undefined, finish: () => Promise.resolve(null) };
      const empty = await write(noop, players, inputs);
      if (r > 0) none.push(empty.us);
      for (const v of variants) {
        const header: RecordingHeader = {
          format: RECORDING_FORMAT, formatVersion: RECORDING_FORMAT_VERSION, room: "arena", definitionVersion: 1, roomId: `bench-${v.name}-${r}`,
          startedAtMs: Date.now() + r, config: { tickHz: 60 }, options: { practice: false }, checksumEveryTicks: v.every,
          checksumSkip: [], startTick: 0, startChecksum: 0,
        };
        const settings = { ...DEFAULT_RECORDING, dir, checksumEveryTicks: v.every };
        const recorder = v.name === "jsonLines" ? new JsonLinesRecorder(settings, { ...header, formatVersion: 1 }, logger) : new RoomRecorder(settings, header, logger);
        const { us, bytes } = await write(recorder, players, v.inputs);
        if (r === 0) continue; // the first round warms the JIT up
        v.us.push(us);
        v.bytes += bytes;
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const minutes = (rounds * ticks) / 60 / 60;
  const loopUs = percentile(none, 50);
  const cost = (v: (typeof variants)[number]): RecorderCost => {
    const writeUs = Math.max(0, percentile(v.us, 50) - loopUs);
    const checksumUs = checksumOnceUs / v.every;
    return {
      checksumEveryTicks: v.every, writeUs, checksumUs, usPerPlayerTick: (writeUs + checksumUs) / players,
      bytesPerPlayerMinute: Math.round(v.bytes / players / minutes),
    };
  };
  const binary = cost(variants[0]!);
  const binaryPersonLike = cost(variants[1]!);
  const jsonLines = cost(variants[2]!);
  const recordUs = binary.writeUs + binary.checksumUs;
  const result: RecordingCostResult = {
    players, ticks, tickUs, checksumOnceUs, binary, binaryPersonLike, jsonLines, recordUs, costPct: (100 * recordUs) / tickUs, bytesPerPlayerMinute: binary.bytesPerPlayerMinute,
  };
  log(`  per tick, ${players} bots, unrecorded: ${tickUs.toFixed(1)} µs of CPU; one checksum of the state: ${checksumOnceUs.toFixed(1)} µs`);
  for (const [name, c] of [["binary (format 2), bots' inputs", binary], ["binary (format 2), inputs through the input codec (as a person's)", binaryPersonLike], ["JSON lines (format 1), bots' inputs", jsonLines]] as const) {
    log(`  ${name}: +${c.writeUs.toFixed(1)} µs writing + ${c.checksumUs.toFixed(1)} µs checksum (every ${c.checksumEveryTicks}) per tick = ${c.usPerPlayerTick.toFixed(2)} µs per player-tick; ${c.bytesPerPlayerMinute} B per player-minute`);
  }
  return result;
}
