import type { Room } from "colyseus.js";
import { ServerMessage, type ErrorMessage, type ShotMessage } from "@arena/shared";

/**
 * Collects what the arena room pushes besides state (shots, errors, leaving) from the moment
 * of joining, so nothing is lost (or warned about as unhandled) before the scene exists.
 * The scene drains it once per frame.
 */
export class RoomFeed {
  private shots: ShotMessage[] = [];
  private errors: string[] = [];
  /** Close code once the room connection has ended, else null. */
  leftCode: number | null = null;

  constructor(room: Room) {
    room.onMessage(ServerMessage.Shot, (shot: ShotMessage) => this.shots.push(shot));
    room.onMessage(ServerMessage.Error, (error: ErrorMessage) => {
      console.warn(`[arena] server refused a message: ${error.code}: ${error.message}`);
      this.errors.push(`${error.code}: ${error.message}`);
    });
    room.onError((code, message) => {
      console.warn(`[arena] room error ${code}: ${message ?? ""}`);
      this.errors.push(`room error ${code}${message ? `: ${message}` : ""}`);
    });
    room.onLeave((code) => {
      this.leftCode = code;
    });
  }

  /** Shots received since the last call, oldest first. */
  takeShots(): ShotMessage[] {
    const shots = this.shots;
    this.shots = [];
    return shots;
  }

  /** Error texts received since the last call. */
  takeErrors(): string[] {
    const errors = this.errors;
    this.errors = [];
    return errors;
  }
}
