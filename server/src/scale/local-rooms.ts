import type { RegisteredHandler, Room, Server } from "@colyseus/core";

/**
 * Room instances alive in this process. Colyseus keeps its own map private, and draining and
 * re-listing after a Redis restart need the instances, so every handler defined through
 * `gameServer.define` reports its rooms here.
 */
const localRooms = new Set<Room>();

/** Wrap `gameServer.define` so rooms of every type defined afterwards are tracked. Call before defining. */
export function trackLocalRooms(gameServer: Server): void {
  localRooms.clear();
  const define = gameServer.define.bind(gameServer) as (...args: unknown[]) => RegisteredHandler;
  gameServer.define = ((...args: unknown[]) => {
    const handler = define(...args);
    handler.on("create", (room: Room) => localRooms.add(room));
    handler.on("dispose", (room: Room) => localRooms.delete(room));
    return handler;
  }) as Server["define"];
}

/** Rooms running in this process right now. */
export function getLocalRooms(): Room[] {
  return [...localRooms];
}
