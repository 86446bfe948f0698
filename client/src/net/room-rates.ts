/**
 * A room's simulation and patch rates, as its server announced them: TickState's `tickHz` and
 * `patchHz`, set once when the room is created and part of the join snapshot (see
 * shared/src/schema/tick-state.ts and docs/protocol.md, "Room rates"). The client netcode takes
 * every rate from here, never from the TICK_HZ/PATCH_HZ defaults, so a room type that runs at its
 * own rates is predicted, paced and interpolated at those rates without any client change.
 */
export interface RoomRates {
  tickHz: number;
  patchHz: number;
  /** One tick in ms (1000 / tickHz): the input clock and the server timeline's unit. */
  tickMs: number;
  /** One tick in seconds (1 / tickHz): the `dtSec` the shared step runs with, exactly the server's `ctx.dtSec`. */
  tickSec: number;
  /** Interval between patches in ms (1000 / patchHz). */
  patchMs: number;
}

/** Highest rate the client accepts from a server, in Hz (the schema field is a uint16; the server allows up to this). */
export const MAX_ROOM_HZ = 1000;

const validHz = (hz: unknown, maxHz: number): hz is number => typeof hz === "number" && Number.isInteger(hz) && hz >= 1 && hz <= maxHz;

/**
 * The rates a decoded room state carries. Throws when they are missing or out of range (a server
 * older than this client, or a state class without the TickStateFields): guessing 60/20 would
 * mispredict every input of a room that runs at other rates.
 */
export function roomRates(state: { tickHz?: unknown; patchHz?: unknown } | undefined): RoomRates {
  const tickHz = state?.tickHz;
  const patchHz = state?.patchHz;
  if (!validHz(tickHz, MAX_ROOM_HZ) || !validHz(patchHz, tickHz)) {
    throw new Error(
      `the room's state carries no valid rates (tickHz ${String(tickHz)}, patchHz ${String(patchHz)}): ` +
      "is the server older than this client, or does the room's state lack tickHz and patchHz (TickStateFields)?",
    );
  }
  return { tickHz, patchHz, tickMs: 1000 / tickHz, tickSec: 1 / tickHz, patchMs: 1000 / patchHz };
}
