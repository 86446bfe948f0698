import type { Room } from "colyseus.js";
import { ServerMessage, type ErrorMessage, type NoticeMessage, type ShotMessage } from "@arena/shared";

/**
 * Collects what the arena room pushes besides state (shots, errors, notices) from the moment
 * of joining, so nothing is lost (or warned about as unhandled) before the scene exists.
 * The scene drains it once per frame. Re-attached to each room a reconnect yields.
 */
export class RoomFeed {
  private shots: ShotMessage[] = [];
  private messages: string[] = [];

  constructor(room: Room) {
    this.attach(room);
  }

  attach(room: Room): void {
    room.onMessage(ServerMessage.Shot, (shot: ShotMessage) => this.shots.push(shot));
    room.onMessage(ServerMessage.Error, (error: ErrorMessage) => {
      console.warn(`[arena] server refused a message: ${error.code}: ${error.message}`);
      this.messages.push(`${error.code}: ${error.message}`);
    });
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      console.info(`[arena] server notice: ${notice.code}: ${notice.message}`);
      this.messages.push(notice.message);
    });
    room.onError((code, message) => {
      console.warn(`[arena] room error ${code}: ${message ?? ""}`);
      this.messages.push(`room error ${code}${message ? `: ${message}` : ""}`);
    });
  }

  /** Shots received since the last call, oldest first. */
  takeShots(): ShotMessage[] {
    const shots = this.shots;
    this.shots = [];
    return shots;
  }

  /** Texts to show the player (server errors and notices) received since the last call. */
  takeMessages(): string[] {
    const messages = this.messages;
    this.messages = [];
    return messages;
  }
}
