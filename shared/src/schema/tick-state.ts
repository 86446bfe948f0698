import { Schema, type } from "@colyseus/schema";

/**
 * The fields every tick room's state declares itself, first, with these exact types (a state class
 * `implements TickStateFields`; see ArenaState). Not a base class to extend: @colyseus/schema
 * 3.0.x keeps every class that extends another Schema class in a static registry
 * (TypeContext.inheritedTypes), and colyseus.js builds new classes from the server's reflection on
 * every join, so an inherited state leaked its decoder classes on every join (the soak test's
 * heap grew by 124 MB in 60 s). `TickState` stays for tests that want a ready-made class.
 *
 * - `tick`: the server tick this state shows (every patch).
 * - `tickHz`, `patchHz`: the room's simulation and patch rates, set once by the framework when
 *   the room is created (TickRoom.onCreate, from its config) and never changed. They reach the
 *   client in the join snapshot, before anything else it needs them for, and again with the full
 *   state after a reconnect; after that they cost nothing per patch. The client netcode runs its
 *   input clock, prediction step (`dtSec = 1 / tickHz`), interpolation and clock on them
 *   (see client/src/net/room-rates.ts), so a room that overrides its rates needs no client change.
 */
export interface TickStateFields {
  tick: number;
  tickHz: number;
  patchHz: number;
}

export class TickState extends Schema implements TickStateFields {
  @type("uint32") tick = 0;
  /** Simulation ticks per second (whole, 1..1000). */
  @type("uint16") tickHz = 0;
  /** State patches per second (whole, 1..tickHz). */
  @type("uint16") patchHz = 0;
}
