/**
 * Teleports: the server moving a player's body other than by the shared step (a respawn, a
 * portal, an admin move).
 *
 * The owner's client predicts its body by replaying its unacknowledged inputs through the shared
 * step from the server's acknowledged state. A teleport is not in that step, so the replayed
 * result jumps away from the prediction. Without being told, the client cannot tell that jump from
 * a misprediction: it would count it as a correction and smooth the body across the map (or snap
 * it, if far). So a room type that teleports gives its synced player a counter
 * (`@type("uint8") teleports = 0;`) and calls `markTeleport` in the same tick as it moves the
 * body. The counter arrives in the same patch as the new position, and its client room type
 * reads it (`ClientRoomType.teleportCount`): a patch in which it changed is taken as it is, with
 * the unacknowledged inputs replayed from the new position, counted as a teleport and not as a
 * correction, and drawn as a cut, without smoothing from the old position.
 *
 * The field changes only on a teleport, so it costs nothing in the patches in between.
 */
export interface TeleportCounted {
  /** Teleports so far, modulo `TELEPORT_COUNT_MODULO` (a uint8 on the wire). */
  teleports: number;
}

/**
 * The counter wraps at this (uint8). A client compares it for change only, so wrapping is
 * harmless unless exactly this many teleports fall between two patches it receives.
 */
export const TELEPORT_COUNT_MODULO = 256;

/** Server: record that `player`'s body was just moved outside the shared step (call in the same tick). */
export function markTeleport(player: TeleportCounted): void {
  player.teleports = (player.teleports + 1) % TELEPORT_COUNT_MODULO;
}
