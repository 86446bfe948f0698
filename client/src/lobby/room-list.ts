/** One joinable room as Colyseus's LobbyRoom lists it. */
export interface ListedRoom {
  roomId: string;
  name: string;
  clients: number;
  maxClients: number;
  locked?: boolean;
  /** Set by the game server: `bots` is how many server-side bots play in the room (BOT_FILL). */
  metadata?: { bots?: number } | null;
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

/** Server-side bots in a listed room (0 when it says nothing). */
export function botsIn(room: ListedRoom): number {
  const bots = room.metadata?.bots;
  return typeof bots === "number" && Number.isInteger(bots) && bots > 0 ? bots : 0;
}

/**
 * Who is in a room, as the lobby shows it: "1 / 16" (people / seats), or with bots in it
 * "1 player + 2 bots · 1 / 16" (bots take no seat a person could use: a person joining replaces one).
 */
export function playerCountText(room: ListedRoom): string {
  const seats = `${room.clients} / ${room.maxClients}`;
  const bots = botsIn(room);
  if (bots === 0) return seats;
  const people = `${room.clients} ${room.clients === 1 ? "player" : "players"}`;
  return `${people} + ${bots} ${bots === 1 ? "bot" : "bots"} · ${seats}`;
}
