import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { MAX_HEALTH } from "../sim/arena/constants.js";
import { encodePose, encodePoseFine, poseAim, poseX, poseY } from "./arena-pose.js";
import { OWNER_VIEW_TAG } from "./view-tags.js";

/**
 * One arena player. Synced fields are what goes on the wire (see docs/protocol.md):
 * the pose word every client gets each patch, owner-only fields, and rarely changing ones.
 *
 * `x`, `y` and `aim` are the server's simulation state and are NOT synced: the server writes
 * them every tick and `syncPose` packs them into `pose`/`fine` before each patch. A decoded copy
 * on a client has only the synced fields: read its position with `decodedPose`.
 */
export class ArenaPlayer extends Schema {
  /** x, y (1/2 px) and aim byte, packed (see arena-pose.ts). */
  @type("uint32") pose = 0;
  /** Owner only: 1/16 px remainders of x and y, so the owner rebuilds its exact position. */
  @view(OWNER_VIEW_TAG) @type("uint8") fine = 0;
  /** Owner only: sequence number of the last input of this player the server applied. */
  @view(OWNER_VIEW_TAG) @type("uint32") ack = 0;
  @type("uint8") health = MAX_HEALTH;
  @type("uint16") kills = 0;
  @type("uint16") deaths = 0;
  @type("string") name = "";
  /** 0xRRGGBB */
  @type("uint32") color = 0;

  /** Server only (not synced): exact position in px on the 1/16 px grid. */
  x = 0;
  y = 0;
  /** Server only (not synced): aim angle byte (encodeAngle8). */
  aim = 0;
}

export class ArenaState extends Schema {
  /** Server tick this state shows. */
  @type("uint32") tick = 0;
  @type({ map: ArenaPlayer }) players = new MapSchema<ArenaPlayer>();
}

/** Server: copy a player's simulated x, y and aim into its synced `pose` and `fine` (unchanged values cost nothing). */
export function syncPose(player: ArenaPlayer): void {
  player.pose = encodePose(player.x, player.y, player.aim);
  player.fine = encodePoseFine(player.x, player.y);
}

/** The synced fields a decoded arena player carries (`fine` only on the client's own player). */
export interface DecodedArenaPose {
  pose: number;
  fine?: number | undefined;
}

/**
 * Position and aim byte of a decoded player: exact for the client's own player (it receives
 * `fine`), the middle of the 1/2 px cell for everyone else. Writes into `out` and returns it.
 */
export function decodedPose<T extends { x: number; y: number; aim: number }>(player: DecodedArenaPose, out: T): T {
  out.x = poseX(player.pose, player.fine);
  out.y = poseY(player.pose, player.fine);
  out.aim = poseAim(player.pose);
  return out;
}

/**
 * x in px of a player on either side: on the server its exact simulated position; on a client's
 * decoded copy (synced fields only) the position decoded from the wire (see `decodedPose`).
 * For code that runs on both, such as bot brains.
 */
export function arenaX(player: ArenaPlayer): number {
  return typeof player.x === "number" ? player.x : poseX(player.pose, player.fine);
}

/** y in px of a player on either side (see `arenaX`). */
export function arenaY(player: ArenaPlayer): number {
  return typeof player.y === "number" ? player.y : poseY(player.pose, player.fine);
}
