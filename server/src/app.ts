import type { Server } from "@colyseus/core";
import { GatedLobbyRoom, type TickRoomConfig } from "./framework/index.js";
import { ArenaRoom } from "./rooms/arena/arena-room.js";
import { TagRoom } from "./rooms/tag/tag-room.js";
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
 * The one place room types are registered. Room name -> room class.
 * `roomConfig` overrides framework settings for every room (tests shorten timeouts with it);
 * it travels as the `serverConfig` define option, which always wins over client options.
 */
export function registerRoomTypes(gameServer: Server, roomConfig: Partial<TickRoomConfig> = {}, roomTypes: RoomTypeOptions = {}): void {
  const options = { serverConfig: roomConfig };
  // The lobby lists every room whose type enables realtime listing. No token needed (it shows
  // what GET /rooms/<type> shows), but per-address quotas apply (see GatedLobbyRoom).
  gameServer.define("lobby", GatedLobbyRoom);
  // Quick play (joinOrCreate) fills the fullest room with space first.
  // `practice` is always set here, so a client's create options cannot turn it on.
  gameServer.define("arena", ArenaRoom, { ...options, practice: roomTypes.arenaPractice === true }).enableRealtimeListing().sortBy({ clients: -1 });
  gameServer.define("tag", TagRoom, options).enableRealtimeListing().sortBy({ clients: -1 });
  // new-room:define (npm run new-room adds room types above this line)
}
