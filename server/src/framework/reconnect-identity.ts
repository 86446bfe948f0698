import type { AuthContext, Room } from "@colyseus/core";
import { beforeSeatReclaim } from "./colyseus/index.js";

/**
 * The Colyseus internals this needs (`Room._onJoin`, `Room.reservedSeats`) are reached through
 * framework/colyseus/ (`beforeSeatReclaim`), the seam to Colyseus.
 *
 * Colyseus 0.16 lets a socket that presents a reconnection token take a dropped player's seat
 * without any check of who it is: the token is all it asks. This wraps the room's `_onJoin` so
 * that a socket reconnecting to a held seat is first passed to `check` with the auth of the
 * player who held it and the auth context of the new socket (colyseus.js sends its
 * `client.auth.token` as the `_authToken` query parameter). `check` throws to refuse: the error
 * (a ServerError with a code) reaches the client before its socket is closed, and the seat stays
 * held for its owner. Nothing of the seat is touched before the check (`_onJoin` would clear the
 * grace timer first). Ordinary joins pass straight through.
 */
export function guardReconnects(room: Room, check: (heldAuth: unknown, context: AuthContext) => Promise<void>): void {
  beforeSeatReclaim(room, check);
}
