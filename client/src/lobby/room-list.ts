/** One joinable room as Colyseus's LobbyRoom lists it. */
export interface ListedRoom {
  roomId: string;
  name: string;
  clients: number;
  maxClients: number;
  locked?: boolean;
}

/**
 * The live room list, kept from LobbyRoom's messages: `rooms` (the full list), `+` ([roomId, room]:
 * added or changed), `-` (roomId: removed). Pure, so it can be tested without a socket.
 */
export class RoomList {
  private readonly rooms = new Map<string, ListedRoom>();

  replaceAll(rooms: readonly ListedRoom[]): void {
    this.rooms.clear();
    for (const room of rooms) this.rooms.set(room.roomId, room);
  }

  upsert([roomId, room]: [string, ListedRoom]): void {
    this.rooms.set(roomId, room);
  }

  remove(roomId: string): void {
    this.rooms.delete(roomId);
  }

  /** Rooms of one type, fullest first (what quick play would pick), full ones last. */
  ofType(name: string): ListedRoom[] {
    return [...this.rooms.values()]
      .filter((r) => r.name === name)
      .sort((a, b) => Number(isFull(a)) - Number(isFull(b)) || b.clients - a.clients || a.roomId.localeCompare(b.roomId));
  }

  get size(): number {
    return this.rooms.size;
  }
}

export function isFull(room: ListedRoom): boolean {
  return room.locked === true || room.clients >= room.maxClients;
}
