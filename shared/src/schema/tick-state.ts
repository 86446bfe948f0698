import { Schema, type } from "@colyseus/schema";

/**
 * The fields every tick room's state starts with; a room type's state class extends it.
 *
 * - `tick`: the server tick this state shows (every patch).
 * - `tickHz`, `patchHz`: the room's simulation and patch rates, set once by the framework when
 *   the room is created (TickRoom.onCreate, from its config) and never changed. They reach the
 *   client in the join snapshot, before anything else it needs them for, and again with the full
 *   state after a reconnect; after that they cost nothing per patch. The client netcode runs its
 *   input clock, prediction step (`dtSec = 1 / tickHz`), interpolation and clock on them
 *   (see client/src/net/room-rates.ts), so a room that overrides its rates needs no client change.
 */
export class TickState extends Schema {
  @type("uint32") tick = 0;
  /** Simulation ticks per second (whole, 1..1000). */
  @type("uint16") tickHz = 0;
  /** State patches per second (whole, 1..tickHz). */
  @type("uint16") patchHz = 0;
}
