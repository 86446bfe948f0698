import { LAG_COMP_MAX_LATENCY_MS, MAX_CATCH_UP_STEPS, MAX_INTERP_DELAY_MS, PATCH_HZ, TICK_HZ } from "@arena/shared";
import { DEFAULT_CLIENT_GUARD, type ClientGuardOptions } from "./client-guard.js";
import type { LagCompensationLimits } from "./lag-compensation.js";

/** Everything a TickRoom can tune. Rates in Hz, times in the unit their name says. */
export interface TickRoomConfig {
  tickHz: number;
  patchHz: number;
  maxCatchUpSteps: number;
  /** Pending inputs held per client; more are refused with `input_queue_full`. */
  inputQueueCapacity: number;
  /** A seq further than this beyond the last received one is refused. */
  maxSeqJump: number;
  /** When more than this many inputs wait, one extra is applied per tick to drain the backlog. */
  inputBufferTarget: number;
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
  guard: ClientGuardOptions;
  /**
   * Size of the room's schema encode buffers, in bytes. A per-client patch or join snapshot
   * bigger than this is corrupted by @colyseus/schema 3.0.76 (see encode-buffer.ts). 0 (the
   * default): `INTEREST_ENCODE_BUFFER_BYTES` for a room with `interest` (hundreds of entities),
   * else schema's own 8 KB. Bigger is not free: 64 KB buffers in every arena room raised the
   * event-loop delay p99 at 1,024 players from 5-6 ms to 9-11 ms in the capacity bench.
   */
  encodeBufferBytes: number;
}

export const DEFAULT_TICK_ROOM_CONFIG: TickRoomConfig = {
  tickHz: TICK_HZ,
  patchHz: PATCH_HZ,
  maxCatchUpSteps: MAX_CATCH_UP_STEPS,
  inputQueueCapacity: 32,
  maxSeqJump: 600,
  inputBufferTarget: 3,
  historyMs: 1000,
  lagCompensation: { maxLatencyMs: LAG_COMP_MAX_LATENCY_MS, maxInterpDelayMs: MAX_INTERP_DELAY_MS, toleranceMs: 25 },
  probeIntervalMs: 2000,
  reconnectGraceSec: Number(process.env.RECONNECT_GRACE_SEC ?? 20),
  botFill: 0,
  guard: DEFAULT_CLIENT_GUARD,
  encodeBufferBytes: 0,
};

/** Encode buffer of a room with interest management unless its config says otherwise. */
export const INTEREST_ENCODE_BUFFER_BYTES = 64 * 1024;
