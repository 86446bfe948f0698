import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { MAX_HEALTH } from "../sim/arena/constants.js";
import { encodePose, encodePoseFine, poseAim, poseX, poseY } from "./arena-pose.js";
import type { TickStateFields } from "./tick-state.js";
import { SlotBank, clearSlot, freeSlot, readSlot, writeSlot } from "./slot-bank.js";
import { OWNER_VIEW_TAG } from "./view-tags.js";

/**
 * One arena player. Synced fields are what goes on the wire (see docs/protocol.md): owner-only
 * fields and rarely changing ones. The pose word every client gets each patch lives in the
 * state's `poses` bank at this player's `slot` (see slot-bank.ts for why).
 *
 * `x`, `y` and `aim` are the server's simulation state and are NOT synced: the server writes
 * them every tick and `syncPose` packs them into the pose word and `fine` before each patch. A
 * decoded copy on a client has only the synced fields: read its position with `decodedPose`.
 */
export class ArenaPlayer extends Schema {
  /** This player's slot in `ArenaState.poses`. */
  @type("uint8") slot = 0;
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
  /**
   * Times the server moved this player other than by its inputs (respawns), modulo 256: the
   * owner's client takes a patch in which it changed as a teleport, not a misprediction (see
   * teleports.ts). Everyone receives it; it changes only on a respawn, so it costs nothing
   * per patch.
   */
  @type("uint8") teleports = 0;

  /** Server only (not synced): exact position in px on the 1/16 px grid. */
  x = 0;
  y = 0;
  /** Server only (not synced): aim angle byte (encodeAngle8). */
  aim = 0;
}

export class ArenaState extends Schema implements TickStateFields {
  /** Server tick this state shows (every patch). */
  @type("uint32") tick = 0;
  /** The room's rates, set once at create (see TickStateFields in tick-state.ts). */
  @type("uint16") tickHz = 0;
  @type("uint16") patchHz = 0;
  @type({ map: ArenaPlayer }) players = new MapSchema<ArenaPlayer>();
  /** Every player's pose word (x, y to 1/2 px, aim byte; see arena-pose.ts) at its `slot`. */
  @type(SlotBank) poses = new SlotBank();
}

/** Server: give a new player the lowest free pose slot (call before adding it to `players`). */
export function assignPoseSlot(state: ArenaState, player: ArenaPlayer): void {
  const slot = freeSlot([...state.players.values()].map((p) => p.slot));
  if (slot < 0) throw new Error("no free pose slot: more players than a SlotBank holds");
  player.slot = slot;
}

/** Server: empty a leaving player's pose slot, so nobody keeps receiving it. */
export function releasePoseSlot(state: ArenaState, player: ArenaPlayer): void {
  clearSlot(state.poses, player.slot);
}

/**
 * Server: copy a player's simulated x, y and aim into its pose word and owner-only `fine`
 * (unchanged values cost nothing).
 */
export function syncPose(state: ArenaState, player: ArenaPlayer): void {
  writeSlot(state.poses, player.slot, encodePose(player.x, player.y, player.aim));
  player.fine = encodePoseFine(player.x, player.y);
}

/** The synced fields a decoded arena state and player carry (`fine` only on the client's own player). */
export interface DecodedArenaPoses {
  poses?: SlotBank | undefined;
}
export interface DecodedArenaPlayer {
  slot: number;
  fine?: number | undefined;
}

/** A decoded player's pose word (0 before its slot has arrived). */
export function decodedPoseWord(state: DecodedArenaPoses, player: DecodedArenaPlayer): number {
  return readSlot(state.poses, player.slot) ?? 0;
}

/**
 * Position and aim byte of a decoded player: exact for the client's own player (it receives
 * `fine`), the middle of the 1/2 px cell for everyone else. Writes into `out` and returns it.
 */
export function decodedPose<T extends { x: number; y: number; aim: number }>(
  state: DecodedArenaPoses, player: DecodedArenaPlayer, out: T,
): T {
  const pose = decodedPoseWord(state, player);
  out.x = poseX(pose, player.fine);
  out.y = poseY(pose, player.fine);
  out.aim = poseAim(pose);
  return out;
}

/**
 * x in px of a player on either side: on the server its exact simulated position; on a client's
 * decoded copy (synced fields only) the position decoded from the wire (see `decodedPose`).
 * For code that runs on both, such as bot brains.
 */
export function arenaX(state: DecodedArenaPoses, player: ArenaPlayer): number {
  return typeof player.x === "number" ? player.x : poseX(decodedPoseWord(state, player), player.fine);
}

/** y in px of a player on either side (see `arenaX`). */
export function arenaY(state: DecodedArenaPoses, player: ArenaPlayer): number {
  return typeof player.y === "number" ? player.y : poseY(decodedPoseWord(state, player), player.fine);
}
