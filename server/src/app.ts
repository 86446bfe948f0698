import type { Server } from "@colyseus/core";
import { ArenaRoom } from "./rooms/arena/arena-room.js";

/** The one place room types are registered. Room name -> room class. */
export function registerRoomTypes(gameServer: Server): void {
  gameServer.define("arena", ArenaRoom);
}
