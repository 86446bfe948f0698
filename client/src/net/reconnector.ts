import type { Client, Room } from "colyseus.js";
import {
  Backoff, CloseCode, DEFAULT_RESTART_RETRY_AFTER_MS, NoticeCode, REJOIN_BACKOFF, ServerMessage, JoinErrorCode, classifyJoinFailure, retryAfterHintMs, type NoticeMessage,
} from "@arena/shared";

export type ConnectionStatus = "connected" | "reconnecting" | "closed";

/** Close codes after which reconnecting is pointless and nothing should be rejoined (the server or the player meant it). */
const FINAL_CLOSE_CODES = new Set<number>([
  CloseCode.Consented, // left on purpose
  CloseCode.Abuse, // kicked for abuse
  CloseCode.Idle, // closed for inactivity: the server kept no seat
  CloseCode.RoomError, // room failed
]);

/**
 * The room is lost for good, but a new room of the same type can be joined (see Reconnector.roomGone):
 * - `restart`: the server closed the room to restart (4201), or it stopped answering and, once
 *   back, no longer knew the seat (a crash or a restart without notice);
 * - `seat-gone`: the server answered that the seat is not there any more (expired, refused).
 */
export interface RoomGone {
  reason: "restart" | "seat-gone";
  /** Wait this long before joining again, in ms (the server's `retryAfterMs`, clamped; 0 when it said nothing). */
  waitMs: number;
}

export interface ReconnectorOptions {
  /** Give up reconnecting after this long (the seat is gone by then); match the server's reconnect grace period. */
  graceMs: number;
  /** Delay before the first retry; doubles each time up to `maxDelayMs` (default REJOIN_BACKOFF: 250 ms to 2 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Keeps a joined room alive across dropped connections: when the socket closes without
 * meaning to, it retries `client.reconnect(token)` with exponential back-off (jittered) while the
 * seat may still exist, and hands every new Room to the listeners. When the seat cannot come back
 * (a 4201 shutdown, the server answering that the room or seat is gone, or the grace period over)
 * it ends "closed" with `roomGone` set: the caller then joins a new room (see GameConnection).
 */
export class Reconnector<S> {
  status: ConnectionStatus = "connected";
  /** Close code of the last drop (0 before any). */
  lastCloseCode = 0;
  attempts = 0;
  /** Set when the status turned "closed" because the room is lost but a new one may be joined; null otherwise. */
  roomGone: RoomGone | null = null;
  private readonly roomListeners: ((room: Room<S>) => void)[] = [];
  private readonly statusListeners: ((status: ConnectionStatus) => void)[] = [];
  private disposed = false;
  /** The `retryAfterMs` of the last restart notice (undefined: none came). */
  private retryAfterMs: number | undefined;

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

  /**
   * Move to another room now (a replay's seek opens a new replay room): `room` becomes current and
   * the room listeners get it, as after a reconnect; the old room is left, and its close is not a drop.
   */
  switchTo(room: Room<S>): void {
    const old = this.room;
    this.room = room;
    this.watch(room);
    for (const l of this.roomListeners) l(room);
    void old.leave(true).catch(() => undefined);
  }

  /** Stop reconnecting (e.g. the player left on purpose). */
  dispose(): void {
    this.disposed = true;
  }

  private setStatus(status: ConnectionStatus): void {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private close(gone: RoomGone | null): void {
    this.roomGone = this.disposed ? null : gone;
    this.setStatus("closed");
  }

  private watch(room: Room<S>): void {
    // Sent just before a 4201 close: when to come back.
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      if (notice.code === NoticeCode.ServerRestarting && notice.retryAfterMs !== undefined) this.retryAfterMs = retryAfterHintMs(notice.retryAfterMs);
    });
    room.onLeave((code) => {
      if (room !== this.room) return; // left by switchTo
      this.lastCloseCode = code;
      if (this.disposed || FINAL_CLOSE_CODES.has(code)) return this.close(null);
      // A shut-down server keeps no seats: retrying the seat cannot succeed; join anew when it is back.
      if (code === CloseCode.ServerShutdown) return this.close({ reason: "restart", waitMs: this.retryAfterMs ?? DEFAULT_RESTART_RETRY_AFTER_MS });
      void this.reconnect(room.reconnectionToken);
    });
  }

  private async reconnect(token: string): Promise<void> {
    this.setStatus("reconnecting");
    const deadline = Date.now() + this.options.graceMs;
    const backoff = new Backoff({ firstMs: this.options.firstDelayMs ?? REJOIN_BACKOFF.firstMs, maxMs: this.options.maxDelayMs ?? REJOIN_BACKOFF.maxMs });
    /** The server did not answer at some point: if it then forgets the seat, it restarted. */
    let wasDown = false;
    while (!this.disposed && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, backoff.next()));
      if (this.disposed) break;
      this.attempts++;
      try {
        const room = await this.client.reconnect<S>(token);
        this.room = room;
        this.watch(room);
        this.setStatus("connected");
        for (const l of this.roomListeners) l(room);
        return;
      } catch (err) {
        const kind = classifyJoinFailure(err);
        if (kind === "unreachable") wasDown = true;
        // The server answered that this seat is not to be had (not found, expired, refused token): join anew.
        // A room that no longer exists at all (4212) is what a restarted or crashed server answers,
        // however fast it came back (this page may not have caught it down); an expired seat (4214)
        // in a room that still runs is a lost place.
        const roomDisposed = (err as { code?: unknown } | null)?.code === JoinErrorCode.RoomNotFound;
        if (kind === "gone" || kind === "auth") return this.close({ reason: wasDown || roomDisposed ? "restart" : "seat-gone", waitMs: 0 });
      }
    }
    // The grace period is over: whatever held the seat has let it go.
    this.close({ reason: wasDown ? "restart" : "seat-gone", waitMs: 0 });
  }
}
