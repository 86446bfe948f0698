import type { Room } from "colyseus.js";
import { ServerMessage, type ErrorMessage, type NoticeMessage } from "@arena/shared";

/**
 * Collects what a room pushes besides state from the moment of joining, so nothing is lost
 * (or warned about as unhandled) before the scene exists: errors and notices for every game,
 * plus the game's own message types (e.g. the arena's `shot`). The scene drains it each frame.
 * Re-attached to each room a reconnect yields.
 *
 * Bounded: each queue keeps the newest `maxQueued` messages (and the texts the newest
 * `maxQueued`), so a scene that stops draining (a hidden tab stops its frames; a game that
 * registers a type and never takes it) holds a fixed amount, not every shot of a long absence.
 */
export class RoomFeed {
  private readonly queues = new Map<string, unknown[]>();
  private messages: string[] = [];
  /** Messages dropped (the oldest of a full queue) since the feed was made. */
  dropped = 0;

  constructor(room: Room, private readonly gameTypes: readonly string[] = [], private readonly maxQueued = 256) {
    for (const type of gameTypes) this.queues.set(type, []);
    this.attach(room);
  }

  attach(room: Room): void {
    for (const type of this.gameTypes) room.onMessage(type, (message: unknown) => this.keep(this.queues.get(type)!, message));
    room.onMessage(ServerMessage.Error, (error: ErrorMessage) => {
      console.warn(`[game] server refused a message: ${error.code}: ${error.message}`);
      this.keep(this.messages, `${error.code}: ${error.message}`);
    });
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      console.info(`[game] server notice: ${notice.code}: ${notice.message}`);
      this.keep(this.messages, notice.message);
    });
    room.onError((code, message) => {
      console.warn(`[game] room error ${code}: ${message ?? ""}`);
      this.keep(this.messages, `room error ${code}${message ? `: ${message}` : ""}`);
    });
  }

  private keep<T>(queue: T[], item: T): void {
    if (queue.length >= this.maxQueued) {
      queue.shift();
      this.dropped++;
    }
    queue.push(item);
  }

  /** Messages of a game type registered at construction, received since the last call, oldest first. */
  take<T>(type: string): T[] {
    const queue = this.queues.get(type);
    if (!queue) throw new Error(`RoomFeed: "${type}" was not registered`);
    this.queues.set(type, []);
    return queue as T[];
  }

  /** Texts to show the player (server errors and notices) received since the last call. */
  takeMessages(): string[] {
    const messages = this.messages;
    this.messages = [];
    return messages;
  }
}
