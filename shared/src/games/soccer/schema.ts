import { MapSchema, Schema, type } from "@colyseus/schema";
import type { TickStateFields } from "../../schema/tick-state.js";

/** One player. Velocity is synced because the owner predicts with it (float32 on the 1/16 grid is exact). */
export class SoccerPlayer extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  @type("float32") vx = 0;
  @type("float32") vy = 0;
  @type("uint32") ack = 0;
  /** Bumped by markTeleport when a goal sends the player back to its kick-off spot. */
  @type("uint8") teleports = 0;
  @type("uint8") team = 0; // index into SOCCER_TEAMS
  @type("string") name = "";
  @type("uint32") color = 0;
}

/** The ball as clients see it (its velocity stays on the server). */
export class SoccerBall extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  /** Bumped by markTeleport when a goal puts the ball back on the centre spot (clients cut, not sweep). */
  @type("uint8") teleports = 0;
}

export class SoccerState extends Schema implements TickStateFields {
  @type("uint32") tick = 0;
  @type("uint16") tickHz = 0;
  @type("uint16") patchHz = 0;
  @type({ map: SoccerPlayer }) players = new MapSchema<SoccerPlayer>();
  @type({ map: SoccerBall }) balls = new MapSchema<SoccerBall>();
  @type("uint16") redScore = 0; // goals of team 0 and team 1
  @type("uint16") blueScore = 0;
}
