import type { TickRoomConfig } from "./config.js";
import type { TickRoomState } from "./tick-types.js";

/** Highest tick rate a room may run at, in Hz (the state's `tickHz` is a uint16; the client accepts up to this). */
export const MAX_ROOM_HZ = 1000;

/**
 * Check a room's configured rates and write them into its state (TickState's `tickHz` and
 * `patchHz`), once, at create: the join snapshot carries them to every client, whose netcode runs
 * its input clock, prediction `dtSec`, interpolation and clock on them. Whole numbers only
 * (1..MAX_ROOM_HZ ticks, 1..tickHz patches), so client and server derive the very same `dtSec`;
 * a bad config stops the room's creation with a clear error rather than mispredicting every input.
 */
export function announceRoomRates(config: Pick<TickRoomConfig, "tickHz" | "patchHz">, state: TickRoomState): void {
  const { tickHz, patchHz } = config;
  if (!Number.isInteger(tickHz) || tickHz < 1 || tickHz > MAX_ROOM_HZ) {
    throw new Error(`room config tickHz must be a whole number from 1 to ${MAX_ROOM_HZ}, got ${String(tickHz)}`);
  }
  if (!Number.isInteger(patchHz) || patchHz < 1 || patchHz > tickHz) {
    throw new Error(`room config patchHz must be a whole number from 1 to tickHz (${tickHz}), got ${String(patchHz)}`);
  }
  state.tickHz = tickHz;
  state.patchHz = patchHz;
}
