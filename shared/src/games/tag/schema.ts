import { MapSchema, Schema, type } from "@colyseus/schema";
import type { TickStateFields } from "../../schema/tick-state.js";

/**
 * One tag runner. Velocity and dash cooldown are synced because the owner predicts with them
 * (float32 on the 1/16 grid is exact).
 */
export class TagPlayer extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("float32") vx = 0;
  @type("float32") vy = 0;
  @type("uint8") dashCooldown = 0;
  /** This runner is "it". */
  @type("boolean") it = false;
  @type("uint32") ack = 0;
  /** Whole seconds spent not being "it". */
  @type("uint16") score = 0;
  @type("string") name = "";
  @type("uint32") color = 0;
}

export class TagState extends Schema implements TickStateFields {
  /** Server tick this state shows (every patch). */
  @type("uint32") tick = 0;
  /** The room's rates, set once at create (see TickStateFields in tick-state.ts). */
  @type("uint16") tickHz = 0;
  @type("uint16") patchHz = 0;
  @type({ map: TagPlayer }) players = new MapSchema<TagPlayer>();
}
