import type { MapSchema } from "@colyseus/schema";

/** What the framework needs of a player in state: the last applied input seq. */
export interface AckedPlayer {
  ack: number;
}

/**
 * What the framework needs of a room's state: the tick, the room's rates and the players by
 * sessionId. A room type's state class declares TickStateFields first (shared/src/schema/tick-state.ts),
 * which declares the first three; the framework sets `tickHz` and `patchHz` at create.
 */
export interface TickRoomState {
  tick: number;
  tickHz: number;
  patchHz: number;
  players: MapSchema<AckedPlayer & object>;
}

/** Fields every input carries (see tickInputFields in shared/protocol). */
export interface TickInput {
  seq: number;
  viewTick?: number | undefined;
  /** Ticks `viewTick` was past the client's newest patch, when it drew others extrapolated (see tickInputFields). */
  viewAheadTicks?: number | undefined;
  /** With viewAheadTicks: ticks between the two patches the client extrapolated from. */
  viewSpanTicks?: number | undefined;
  /**
   * Set by the server when the input arrives, never read from the wire: the earliest view tick
   * this client's measured link makes plausible (see earliestViewTick). Rewinds never go before it.
   */
  viewFloorTick?: number | undefined;
}

/** Passed to every per-tick hook: the step being computed. The room reuses one object for every tick: read it, don't keep it. */
export interface TickContext {
  /** The tick being computed (state.tick becomes this after the step). */
  readonly tick: number;
  readonly dtSec: number;
  readonly tickMs: number;
}
