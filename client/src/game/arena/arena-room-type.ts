import {
  ARENA_MAP, arenaInputCodec, decodeAngle8, decodedPoseWord, poseAim, poseX, poseY, stepMovement,
  type ArenaInput, type ArenaPlayer, type DecodedArenaPoses,
} from "@arena/shared";
import type { ClientRoomType } from "../../net/index.js";

/** What the arena predicts for the local player. */
export interface ArenaBody {
  x: number;
  y: number;
  health: number;
}

/**
 * Arena glue for the client netcode: the same movement step the server runs. Phaser-free.
 * Positions come off the wire packed, one word per player in the state's `poses` bank (see
 * shared/src/schema/arena-pose.ts): the own player's exact (it receives the owner-only `fine`
 * byte), remote players' to 1/2 px.
 */
export const arenaClientType: ClientRoomType<ArenaPlayer, ArenaBody, ArenaInput, DecodedArenaPoses> = {
  makeBody: () => ({ x: 0, y: 0, health: 0 }),
  readBody(player, into, state) {
    const pose = decodedPoseWord(state, player);
    into.x = poseX(pose, player.fine);
    into.y = poseY(pose, player.fine);
    into.health = player.health;
  },
  copyBody(from, to) {
    to.x = from.x;
    to.y = from.y;
    to.health = from.health;
  },
  step(body, input, dtSec) {
    if (body.health > 0) stepMovement(body, input, dtSec, ARENA_MAP);
  },
  /** [x, y, aimRad] */
  remoteValues(player, state) {
    const pose = decodedPoseWord(state, player);
    return [poseX(pose), poseY(pose), decodeAngle8(poseAim(pose))];
  },
  angleIndices: [2],
  /** Respawns: the server bumps `teleports` when it puts a dead player back at a spawn point. */
  teleportCount: (player) => player.teleports,
  /** Inputs go out packed (13 bytes) rather than as a msgpack map... */
  inputCodec: arenaInputCodec,
  /**
   * ...three ticks to a message (20 messages/s, the patch rate): a socket read and a WebSocket
   * frame per message are most of a player's server CPU (docs/performance.md, table 3b). The cost
   * is input delay at the server: on average one tick (16.7 ms) instead of half a tick with two
   * per message. The own player is predicted at once either way; others see a move that much later.
   */
  inputsPerMessage: 3,
};
