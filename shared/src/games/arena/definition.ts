import type { GameDefinition } from "../../protocol/game-definition.js";
import { decodeAngle8 } from "../../sim/quantize.js";
import { arenaInputCodec } from "./input-codec.js";
import { arenaInputSchema, type ArenaInput } from "./input.js";
import { ArenaMessage } from "./messages.js";
import { stepArenaBody, type ArenaBody } from "./movement.js";
import { ARENA_POSES } from "./pose.js";
import type { ArenaPlayer } from "./schema.js";

/**
 * The arena's declaration, for its server room and its client alike: the same movement step on
 * both sides. Positions go on the wire packed (ARENA_POSES, see pose.ts); the client netcode
 * unpacks them into the players' plain x, y and aim: the own player's exact, remote players'
 * to 1/2 px.
 */
export const arenaGame: GameDefinition<ArenaPlayer, ArenaBody, ArenaInput> = {
  name: "arena",
  inputSchema: arenaInputSchema,
  /** Shots and kills are collected from the join on (the scene reads them from its feed). */
  serverMessages: [ArenaMessage.Shot, ArenaMessage.Kill],
  makeBody: () => ({ x: 0, y: 0, health: 0 }),
  posePacking: ARENA_POSES,
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
  step: stepArenaBody,
  /** [x, y, aimRad] */
  remoteValues(player) {
    return [player.x, player.y, decodeAngle8(player.aim)];
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
