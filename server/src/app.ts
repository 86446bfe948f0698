import type { Server } from "@colyseus/core";
import { GatedLobbyRoom, type TickRoomConfig } from "./framework/index.js";
import { ROOM_TYPES, type RoomTypeOptions } from "./rooms/registry.js";

export { roomTypeOptionsFromEnv, type RoomTypeOptions } from "./rooms/registry.js";

/**
 * Define the lobby and every registered room type (server/src/rooms/registry.ts).
 * `roomConfig` overrides framework settings for every room (tests shorten timeouts with it);
 * it travels as the `serverConfig` define option, which always wins over client options.
 */
export function registerRoomTypes(gameServer: Server, roomConfig: Partial<TickRoomConfig> = {}, roomTypes: RoomTypeOptions = {}): void {
  // The lobby lists every room whose type enables realtime listing. No token needed (it shows
  // what GET /rooms/<type> shows), but per-address quotas apply (see GatedLobbyRoom).
  gameServer.define("lobby", GatedLobbyRoom);
  // Quick play (joinOrCreate) fills the fullest room with space first.
  for (const type of ROOM_TYPES) {
    gameServer.define(type.name, type.room, { ...type.options?.(roomTypes), serverConfig: roomConfig }).enableRealtimeListing().sortBy({ clients: -1 });
  }
}
