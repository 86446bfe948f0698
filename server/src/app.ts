import { LobbyRoom, type Server } from "@colyseus/core";
import type { TickRoomConfig } from "./framework/index.js";
import { ArenaRoom } from "./rooms/arena/arena-room.js";
import { TagRoom } from "./rooms/tag/tag-room.js";
// new-room:imports (npm run new-room adds imports above this line)

/**
 * The one place room types are registered. Room name -> room class.
 * `roomConfig` overrides framework settings for every room (tests shorten timeouts with it);
 * it travels as the `serverConfig` define option, which always wins over client options.
 */
export function registerRoomTypes(gameServer: Server, roomConfig: Partial<TickRoomConfig> = {}): void {
  const options = { serverConfig: roomConfig };
  // The lobby lists every room whose type enables realtime listing.
  gameServer.define("lobby", LobbyRoom);
  // Quick play (joinOrCreate) fills the fullest room with space first.
  gameServer.define("arena", ArenaRoom, options).enableRealtimeListing().sortBy({ clients: -1 });
  gameServer.define("tag", TagRoom, options).enableRealtimeListing().sortBy({ clients: -1 });
  // new-room:define (npm run new-room adds room types above this line)
}
