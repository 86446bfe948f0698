import type { GameDefinition } from "../../protocol/game-definition.js";
import { soccerInputSchema, type SoccerInput } from "./input.js";
import { SoccerMessage } from "./messages.js";
import type { SoccerPlayer } from "./schema.js";
import { stepSoccerPlayer, type SoccerBody } from "./sim.js";

function copySoccerBody(from: Readonly<SoccerBody>, to: SoccerBody): void {
  to.x = from.x; to.y = from.y; to.vx = from.vx; to.vy = from.vy;
}

/** Soccer's declaration for its room and its client: the own player predicted, goals' resets taken as teleports. */
export const soccerGame: GameDefinition<SoccerPlayer, SoccerBody, SoccerInput> = {
  name: "soccer",
  inputSchema: soccerInputSchema,
  serverMessages: [SoccerMessage.Goal, SoccerMessage.Kick],
  makeBody: () => ({ x: 0, y: 0, vx: 0, vy: 0 }),
  readBody: (player, into) => copySoccerBody(player, into),
  copyBody: copySoccerBody,
  step: stepSoccerPlayer,
  remoteValues: (p) => [p.x, p.y],
  teleportCount: (p) => p.teleports,
};
