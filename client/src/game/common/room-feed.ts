import type { Room } from "colyseus.js";
import { ServerMessage, type ErrorMessage, type NoticeMessage } from "@arena/shared";

/**
 * Collects what a room pushes besides state from the moment of joining, so nothing is lost
 * (or warned about as unhandled) before the scene exists: errors and notices for every game,
 * plus the game's own message types (e.g. the arena's `shot`). The scene drains it each frame.
 * Re-attached to each room a reconnect yields.
 */
export class RoomFeed {
  private readonly queues = new Map<string, unknown[]>();
  private messages: string[] = [];

  constructor(room: Room, private readonly gameTypes: readonly string[] = []) {
    for (const type of gameTypes) this.queues.set(type, []);
    this.attach(room);
  }

  attach(room: Room): void {
    for (const type of this.gameTypes) room.onMessage(type, (message: unknown) => this.queues.get(type)!.push(message));
    room.onMessage(ServerMessage.Error, (error: ErrorMessage) => {
      console.warn(`[game] server refused a message: ${error.code}: ${error.message}`);
      this.messages.push(`${error.code}: ${error.message}`);
    });
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      console.info(`[game] server notice: ${notice.code}: ${notice.message}`);
      this.messages.push(notice.message);
    });
    room.onError((code, message) => {
      console.warn(`[game] room error ${code}: ${message ?? ""}`);
      this.messages.push(`room error ${code}${message ? `: ${message}` : ""}`);
    });
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
