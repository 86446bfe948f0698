import { MapSchema, Schema, type } from "@colyseus/schema";
import { MAX_HEALTH } from "../sim/arena/constants.js";

/**
 * One arena player as every client sees it. Positions are float32 on the
 * shared 1/16 px grid (exact), the aim angle is one byte (see encodeAngle8).
 */
export class ArenaPlayer extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("uint8") aim = 0;
  /** Sequence number of the last input of this player the server applied. */
  @type("uint32") ack = 0;
  @type("uint8") health = MAX_HEALTH;
  @type("uint16") kills = 0;
  @type("uint16") deaths = 0;
  @type("string") name = "";
  /** 0xRRGGBB */
  @type("uint32") color = 0;
}

export class ArenaState extends Schema {
  /** Server tick this state shows. */
  @type("uint32") tick = 0;
  @type({ map: ArenaPlayer }) players = new MapSchema<ArenaPlayer>();
}
