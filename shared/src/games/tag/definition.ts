import type { GameDefinition } from "../../protocol/game-definition.js";
import { tagInputSchema, type TagInput } from "./input.js";
import { TAG_MAP } from "./map.js";
import { TagMessage } from "./messages.js";
import { stepTagMovement, type TagBody } from "./movement.js";
import type { TagPlayer } from "./schema.js";

/** Copy the simulated fields (a decoded TagPlayer carries them as they are, so it reads as a body). */
function copyTagBody(from: Readonly<TagBody>, to: TagBody): void {
  to.x = from.x;
  to.y = from.y;
  to.vx = from.vx;
  to.vy = from.vy;
  to.dashCooldown = from.dashCooldown;
  to.it = from.it;
}

/** Tag's declaration, for its server room and its client alike: velocity and dash cooldown are predicted too. */
export const tagGame: GameDefinition<TagPlayer, TagBody, TagInput> = {
  name: "tag",
  inputSchema: tagInputSchema,
  /** Emotes are collected from the join on. */
  serverMessages: [TagMessage.Emote],
  makeBody: () => ({ x: 0, y: 0, vx: 0, vy: 0, dashCooldown: 0, it: false }),
  readBody: (player, into) => copyTagBody(player, into),
  copyBody: copyTagBody,
  step: (body, input, dtSec) => stepTagMovement(body, input, dtSec, TAG_MAP),
  /** [x, y] */
  remoteValues: (p) => [p.x, p.y],
};
