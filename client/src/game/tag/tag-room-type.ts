import { TAG_MAP, stepTagMovement, type TagBody, type TagInput, type TagPlayer } from "@arena/shared";
import type { ClientRoomType } from "../../net/index.js";

/** Copy the simulated fields (a decoded TagPlayer carries them as they are, so it reads as a body). */
function copyTagBody(from: Readonly<TagBody>, to: TagBody): void {
  to.x = from.x;
  to.y = from.y;
  to.vx = from.vx;
  to.vy = from.vy;
  to.dashCooldown = from.dashCooldown;
  to.it = from.it;
}

/** Tag glue for the client netcode: velocity and dash cooldown are predicted too. Phaser-free. */
export const tagClientType: ClientRoomType<TagPlayer, TagBody, TagInput> = {
  makeBody: () => ({ x: 0, y: 0, vx: 0, vy: 0, dashCooldown: 0, it: false }),
  readBody: (player, into) => copyTagBody(player, into),
  copyBody: copyTagBody,
  step: (body, input, dtSec) => stepTagMovement(body, input, dtSec, TAG_MAP),
  /** [x, y] */
  remoteValues: (p) => [p.x, p.y],
};
