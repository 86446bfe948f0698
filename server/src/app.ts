import type { Server } from "@colyseus/core";
import type { TickRoomConfig } from "./framework/index.js";
import { ArenaRoom } from "./rooms/arena/arena-room.js";
import { TagRoom } from "./rooms/tag/tag-room.js";

/**
 * The one place room types are registered. Room name -> room class.
 * `roomConfig` overrides framework settings for every room (tests shorten timeouts with it);
 * it travels as the `serverConfig` define option, which always wins over client options.
 */
export function registerRoomTypes(gameServer: Server, roomConfig: Partial<TickRoomConfig> = {}): void {
  const options = { serverConfig: roomConfig };
  gameServer.define("arena", ArenaRoom, options);
  gameServer.define("tag", TagRoom, options);
}
