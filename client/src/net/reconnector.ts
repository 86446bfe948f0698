import type { Client, Room } from "colyseus.js";
import { CloseCode, JoinErrorCode } from "@arena/shared";

export type ConnectionStatus = "connected" | "reconnecting" | "closed";

/** Close codes after which reconnecting is pointless (the server meant it). */
const FINAL_CLOSE_CODES = new Set<number>([
  CloseCode.Consented, // left on purpose
  CloseCode.ServerShutdown, // server shutting down: the room is gone, join a new one instead
  CloseCode.Abuse, // kicked for abuse
  CloseCode.Idle, // closed for inactivity: the server kept no seat
  CloseCode.RoomError, // room failed
]);

/** Reconnect refusals after which retrying is pointless: the token is refused, or it is not the seat owner's. */
const FINAL_RECONNECT_ERRORS = new Set<number>([JoinErrorCode.AuthFailed, JoinErrorCode.ReconnectIdentityMismatch]);

export interface ReconnectorOptions {
  /** Give up after this long; match the server's reconnect grace period. */
  graceMs: number;
  /** Delay before the first retry; doubles each time up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps a joined room alive across dropped connections: when the socket closes without
 * meaning to, it retries `client.reconnect(token)` with exponential back-off until the
 * grace period ends, and hands every new Room to the listeners.
 */
export class Reconnector<S> {
  status: ConnectionStatus = "connected";
  /** Close code of the last drop (0 before any). */
  lastCloseCode = 0;
  attempts = 0;
  private readonly roomListeners: ((room: Room<S>) => void)[] = [];
  private readonly statusListeners: ((status: ConnectionStatus) => void)[] = [];
  private disposed = false;

  constructor(private readonly client: Client, private room: Room<S>, private readonly options: ReconnectorOptions) {
    this.watch(room);
  }

  get current(): Room<S> {
    return this.room;
  }

  /** Called with each room obtained by a reconnect. */
  onRoom(listener: (room: Room<S>) => void): void {
    this.roomListeners.push(listener);
  }

  onStatus(listener: (status: ConnectionStatus) => void): void {
    this.statusListeners.push(listener);
  }

  /** Stop reconnecting (e.g. the player left on purpose). */
  dispose(): void {
    this.disposed = true;
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private watch(room: Room<S>): void {
    room.onLeave((code) => {
      this.lastCloseCode = code;
      if (this.disposed || FINAL_CLOSE_CODES.has(code)) {
        this.setStatus("closed");
        return;
      }
      void this.reconnect(room.reconnectionToken);
    });
  }

  private async reconnect(token: string): Promise<void> {
    this.setStatus("reconnecting");
    const deadline = Date.now() + this.options.graceMs;
    let delayMs = this.options.firstDelayMs ?? 250;
    while (!this.disposed && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, delayMs));
      this.attempts++;
      try {
        const room = await this.client.reconnect<S>(token);
        this.room = room;
        this.watch(room);
        this.setStatus("connected");
        for (const l of this.roomListeners) l(room);
        return;
      } catch (err) {
        if (FINAL_RECONNECT_ERRORS.has((err as { code?: number } | null)?.code ?? 0)) break;
        delayMs = Math.min(delayMs * 2, this.options.maxDelayMs ?? 4000);
      }
    }
    this.setStatus("closed");
  }
}
