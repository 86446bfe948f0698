import type { AuthContext, Client, Room } from "@colyseus/core";

/**
 * Colyseus internals, in this one file: `Room._onJoin` (what the WebSocket transport calls to
 * seat a socket) and `Room.reservedSeats` (sessionId -> [joinOptions, authData, consumed,
 * waitingReconnection], @colyseus/core 0.16.26).
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
  const internals = room as unknown as {
    reservedSeats: Record<string, [unknown, unknown, boolean, boolean] | undefined>;
    _onJoin(client: Client, context: AuthContext): Promise<void>;
  };
  const onJoin = internals._onJoin.bind(room);
  internals._onJoin = async (client: Client, context: AuthContext): Promise<void> => {
    const seat = internals.reservedSeats[client.sessionId];
    if (seat?.[3]) await check(seat[1], context);
    return onJoin(client, context);
  };
}
