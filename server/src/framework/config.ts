import { LAG_COMP_MAX_LATENCY_MS, MAX_CATCH_UP_STEPS, MAX_INTERP_DELAY_MS, PATCH_HZ, TICK_HZ } from "@arena/shared";
import { DEFAULT_CLIENT_GUARD, type ClientGuardOptions } from "./client-guard.js";
import type { InputExcessLimits } from "./input-excess.js";
import type { LagCompensationLimits } from "./lag-compensation.js";
import type { RefusalLogOptions } from "./refusal-log.js";

/** Everything a TickRoom can tune. Rates in Hz, times in the unit their name says. */
export interface TickRoomConfig {
  tickHz: number;
  patchHz: number;
  maxCatchUpSteps: number;
  /**
   * Pending inputs held per client on top of a stall's worth (`inputStallToleranceMs`): room for
   * jitter and bursts. A full queue refuses inputs with `input_queue_full` (each one a correction
   * at the client). Total capacity: ceil(inputStallToleranceMs / tickMs) + inputQueueHeadroom.
   */
  inputQueueHeadroom: number;
  /**
   * Longest server stall (event loop blocked, ticks dropped) after which every input the clients
   * sent meanwhile is still applied, in ms: the queue holds that many ticks of inputs beyond the
   * headroom, and the ticks the loop dropped are granted back as catch-up credit.
   */
  inputStallToleranceMs: number;
  /**
   * Input credits a player may bank, in ticks. Every tick earns one credit and applying an input
   * spends one, so a client sending faster than the tick never moves faster; a client whose input
   * arrived late catches up with the banked credits (up to `maxInputsPerTick` per tick). Default
   * maxCatchUpSteps + 1: the steps the loop runs in one wake after a short stall all come before
   * the inputs that waited in the socket can be read, and none of their credit may be lost.
   */
  inputCreditCap: number;
  /** Most inputs of one player applied in one tick (catching up after lateness or a stall). */
  maxInputsPerTick: number;
  /** A seq further than this beyond the last received one is refused. */
  maxSeqJump: number;
  /** How much lag-compensation history to keep; no shot is rewound further. */
  historyMs: number;
  /** What a shot's rewind covers (latency and interpolation delay, each capped); see lag-compensation.ts. */
  lagCompensation: LagCompensationLimits;
  /** How often the server measures each client's round trip (a `probe` message), in ms. */
  probeIntervalMs: number;
  /** How long a dropped player's seat is kept for a reconnect. 0 disables reconnection. */
  reconnectGraceSec: number;
  /**
   * Server-side bots: while at least one person is in the room, bots fill it up to this many
   * players in total; each person joining beyond that replaces a bot. 0 = off. Needs a room
   * type with a `botBrain`. The real process reads it from BOT_FILL (see botFillFromEnv).
   */
  botFill: number;
  /**
   * Spectators one room takes at once (join option `spectate: true`), on top of `maxClients`
   * players: they neither count against it nor lock the room. SPECTATORS_PER_ROOM; 0 = none.
   */
  spectatorLimit: number;
  guard: ClientGuardOptions;
  /**
   * Sending inputs faster than the tick (see InputExcessMeter): an excess window is a strike
   * (`input_rate_exceeded`), `strikes` in a row close the client with CloseCode.Abuse. Speed is
   * never at stake (one input per tick is applied whatever arrives); this stops the flood.
   * `strikes` from INPUT_EXCESS_STRIKES (0: never closed for this). In ms, turned into the
   * room's own ticks (excessOptionsAt), so the limit means the same at every tick rate.
   */
  inputExcess: InputExcessLimits;
  /**
   * A player that sends no input for this long is closed with CloseCode.Idle and keeps no seat,
   * in seconds (IDLE_KICK_SEC); 0 = never. Bots are not clients and are never idle-kicked.
   */
  idleKickSec: number;
  /** Per-client log budget of refused messages (see RefusalLog). */
  refusalLog: RefusalLogOptions;
  /**
   * Size of the room's schema encode buffers, in bytes. A per-client patch or join snapshot
   * bigger than this is corrupted by @colyseus/schema 3.0.76 (see encode-buffer.ts). 0 (the
   * default): `INTEREST_ENCODE_BUFFER_BYTES` for a room with `interest` (hundreds of entities),
   * else schema's own 8 KB. Bigger is not free: 64 KB buffers in every arena room raised the
   * event-loop delay p99 at 1,024 players from 5-6 ms to 9-11 ms in the capacity bench.
   */
  encodeBufferBytes: number;
}

/**
 * INPUT_STALL_TOLERANCE_MS: unset means 1000; otherwise a whole number of ms from 0 to 10000
 * (each second costs a player about 60 queue slots). Anything else is refused at startup rather
 * than silently turned into a queue of NaN slots.
 */
export function stallToleranceMsFromEnv(raw: string | undefined): number {
  return wholeNumberFromEnv("INPUT_STALL_TOLERANCE_MS", raw, 1000, 0, 10_000);
}

/**
 * A whole number from an environment variable: unset or empty means `fallback`; anything but a
 * whole number from `min` to `max` is refused at startup rather than silently turned into NaN.
 */
export function wholeNumberFromEnv(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return n;
}

export const DEFAULT_TICK_ROOM_CONFIG: TickRoomConfig = {
  tickHz: TICK_HZ,
  patchHz: PATCH_HZ,
  maxCatchUpSteps: MAX_CATCH_UP_STEPS,
  inputQueueHeadroom: 32,
  inputStallToleranceMs: stallToleranceMsFromEnv(process.env.INPUT_STALL_TOLERANCE_MS),
  inputCreditCap: MAX_CATCH_UP_STEPS + 1,
  maxInputsPerTick: 2,
  maxSeqJump: 600,
  historyMs: 1000,
  lagCompensation: { maxLatencyMs: LAG_COMP_MAX_LATENCY_MS, maxInterpDelayMs: MAX_INTERP_DELAY_MS, toleranceMs: 25 },
  probeIntervalMs: 2000,
  reconnectGraceSec: Number(process.env.RECONNECT_GRACE_SEC ?? 20),
  botFill: 0,
  spectatorLimit: wholeNumberFromEnv("SPECTATORS_PER_ROOM", process.env.SPECTATORS_PER_ROOM, 8, 0, 1000),
  guard: DEFAULT_CLIENT_GUARD,
  inputExcess: {
    windowMs: 1000,
    toleranceMs: 1000 / 3,
    lateAllowanceMs: 2000,
    strikes: wholeNumberFromEnv("INPUT_EXCESS_STRIKES", process.env.INPUT_EXCESS_STRIKES, 3, 0, 1000),
  },
  idleKickSec: wholeNumberFromEnv("IDLE_KICK_SEC", process.env.IDLE_KICK_SEC, 120, 0, 86_400),
  refusalLog: { windowMs: 10_000, linesPerWindow: 3 },
  encodeBufferBytes: 0,
};

/** Encode buffer of a room with interest management unless its config says otherwise. */
export const INTEREST_ENCODE_BUFFER_BYTES = 64 * 1024;
