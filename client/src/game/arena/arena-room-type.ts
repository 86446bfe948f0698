import {
  ARENA_MAP, TICK_SEC, decodeAngle8, stepMovement, type ArenaInput, type ArenaPlayer,
} from "@arena/shared";
import type { ClientRoomType } from "../../net/index.js";

/** What the arena predicts for the local player. */
export interface ArenaBody {
  x: number;
  y: number;
  health: number;
}

/** Arena glue for the client netcode: the same movement step the server runs. Phaser-free. */
export const arenaClientType: ClientRoomType<ArenaPlayer, ArenaBody, ArenaInput> = {
  makeBody: () => ({ x: 0, y: 0, health: 0 }),
  readBody(player, into) {
    into.x = player.x;
    into.y = player.y;
    into.health = player.health;
  },
  copyBody(from, to) {
    to.x = from.x;
    to.y = from.y;
    to.health = from.health;
  },
  step(body, input) {
    if (body.health > 0) stepMovement(body, input, TICK_SEC, ARENA_MAP);
  },
  /** [x, y, aimRad] */
  remoteValues: (player) => [player.x, player.y, decodeAngle8(player.aim)],
  angleIndices: [2],
};
