import { MAX_CATCH_UP_STEPS, PATCH_HZ, TICK_HZ } from "@arena/shared";
import { DEFAULT_CLIENT_GUARD, type ClientGuardOptions } from "./client-guard.js";

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
  /** How much lag-compensation history to keep. */
  historyMs: number;
  /** Most a shot may be rewound. */
  maxRewindMs: number;
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
   * Size of the room's schema encode buffer, in bytes. A per-client patch bigger than this is
   * corrupted by @colyseus/schema 3.0.76 (see encode-buffer.ts); 64 KB is over a megabyte a
   * second per client at 20 patches/s, far beyond any sane patch.
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
  maxRewindMs: 250,
  reconnectGraceSec: Number(process.env.RECONNECT_GRACE_SEC ?? 20),
  botFill: 0,
  guard: DEFAULT_CLIENT_GUARD,
  encodeBufferBytes: 64 * 1024,
};
