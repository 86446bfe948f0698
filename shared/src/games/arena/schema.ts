import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { MAX_HEALTH } from "./constants.js";
import type { TickStateFields } from "../../schema/tick-state.js";
import { SlotBank } from "../../schema/slot-bank.js";
import { OWNER_VIEW_TAG } from "../../schema/view-tags.js";

/**
 * One arena player. Synced fields are what goes on the wire (see docs/protocol.md): owner-only
 * fields and rarely changing ones. The pose word every client gets each patch lives in the
 * state's `poses` bank at this player's `slot` (see slot-bank.ts for why).
 *
 * `x`, `y` and `aim` are packed, not synced (ARENA_POSES in pose.ts): the server's
 * simulation writes them every tick, the framework packs them into the pose word and `fine`
 * before each patch, and every client's framework unpacks them back into these plain fields.
 */
export class ArenaPlayer extends Schema {
  /** This player's slot in `ArenaState.poses` (set by the framework). */
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
  /**
   * Spawn protection is on (see SPAWN_PROTECTION_TICKS): shots do no damage. Set on spawn and
   * respawn, cleared when it runs out or the player fires; clients draw the player blinking.
   */
  @type("boolean") shielded = false;

  /** Packed (ARENA_POSES): position in px, exact on the 1/16 px grid (a remote player's to 1/2 px on a client). */
  x = 0;
  y = 0;
  /** Packed (ARENA_POSES): aim angle byte (encodeAngle8). */
  aim = 0;
}

export class ArenaState extends Schema implements TickStateFields {
  /** Server tick this state shows (every patch). */
  @type("uint32") tick = 0;
  /** The room's rates, set once at create (see TickStateFields in tick-state.ts). */
  @type("uint16") tickHz = 0;
  @type("uint16") patchHz = 0;
  @type({ map: ArenaPlayer }) players = new MapSchema<ArenaPlayer>();
  /** Every player's pose word (x, y to 1/2 px, aim byte; see ARENA_POSES) at its `slot`. */
  @type(SlotBank) poses = new SlotBank();
}
