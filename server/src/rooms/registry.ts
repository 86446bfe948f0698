import { arenaGame } from "@arena/shared/games/arena";
import { tagGame } from "@arena/shared/games/tag";
import type { RoomTypeEntry } from "../framework/index.js";
import { arenaBotBrain } from "./arena/arena-bot.js";
import { ArenaRoom } from "./arena/arena-room.js";
import { tagBotBrain } from "./tag/tag-bot.js";
import { TagRoom } from "./tag/tag-room.js";
import { soccerGame } from "@arena/shared/games/soccer";
import { soccerBotBrain } from "./soccer/soccer-bot.js";
import { SoccerRoom } from "./soccer/soccer-room.js";
// new-room:imports (npm run new-room adds imports above this line)

/** Settings of particular room types, for the whole process. */
export interface RoomTypeOptions {
  /**
   * Arena as aim practice (ARENA_PRACTICE=1): shots are traced, lag-compensated and reported as
   * usual, but do no damage, so a target can be shot at for as long as wanted (measuring hit
   * registration at a given latency, the browser tests and the bench).
   */
  arenaPractice?: boolean;
}

/** ARENA_PRACTICE=1 turns the arena into aim practice (see RoomTypeOptions). */
export function roomTypeOptionsFromEnv(env: NodeJS.ProcessEnv): RoomTypeOptions {
  return { arenaPractice: env.ARENA_PRACTICE === "1" };
}

/**
 * Every game the server runs: the one place room types are registered on the server. The game
 * server (app.ts), the headless bots (tools/bots) and the bench define or play what is listed here.
 */
export const ROOM_TYPES: readonly RoomTypeEntry<RoomTypeOptions>[] = [
  // `practice` is always set, so a client's create options cannot turn it on.
  { name: arenaGame.name, room: ArenaRoom, bot: arenaBotBrain, posePacking: arenaGame.posePacking, options: (o) => ({ practice: o.arenaPractice === true }) },
  { name: tagGame.name, room: TagRoom, bot: tagBotBrain },
  { name: soccerGame.name, room: SoccerRoom, bot: soccerBotBrain },
  // new-room:rooms (npm run new-room adds room types above this line)
];

/** The registered room type named `name`, if any. */
export function findRoomType(name: string): RoomTypeEntry<RoomTypeOptions> | undefined {
  return ROOM_TYPES.find((t) => t.name === name);
}
