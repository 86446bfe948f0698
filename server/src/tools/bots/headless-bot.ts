import { Client, type Room } from "colyseus.js";
import {
  CloseCode, DEFAULT_RESTART_RETRY_AFTER_MS, NoticeCode, REJOIN_GIVE_UP_MS, ServerMessage, retryAfterHintMs, retryJoin, type NoticeMessage,
} from "@arena/shared";
import { ArenaMessage, type ShotMessage } from "@arena/shared/games/arena";
import type { BotBehaviour } from "./behaviours.js";
import { guestToken } from "./guest-token.js";

export interface HeadlessBotOptions {
  /** ws(s):// address of the game server. */
  url: string;
  roomName: string;
  name: string;
  behaviour: BotBehaviour;
  log: (line: string) => void;
}

/** What a bot has done so far. */
export interface BotCounters {
  inputs: number;
  shots: number;
  hits: number;
  joins: number;
}

/**
 * One headless player: a real colyseus.js client that logs in as a guest, quick-plays into a
 * room, and sends one input per tick decided by its behaviour from the decoded state. After an
 * unintended drop it takes its seat back while the server may hold it, else (a server restart or
 * crash) quick-plays into a new room, waiting the server's `retryAfterMs` after a 4201, until
 * `leave()` is called (docs/protocol.md, Reconnection).
 */
export class HeadlessBot {
  readonly counters: BotCounters = { inputs: 0, shots: 0, hits: 0, joins: 0 };
  private room: Room | null = null;
  private client: Client | null = null;
  private seq = 0;
  private stopping = false;
  /** When the next input is due (performance.now() ms), at the room's tick rate. */
  private nextInputMs = 0;

  constructor(private readonly options: HeadlessBotOptions) {}

  get connected(): boolean {
    return this.room?.connection.isOpen ?? false;
  }

  /** The room it plays in now, or null while it is out (joining, getting back in, left). */
  get roomId(): string | null {
    return this.connected ? this.room!.roomId : null;
  }

  /** Log in and join. Rejects if the first join fails. */
  async start(): Promise<void> {
    const { url, name } = this.options;
    this.client = new Client(url);
    this.client.auth.token = await guestToken(url.replace(/^ws/, "http"), name, () => this.stopping);
    await this.join();
  }

  /**
   * Send the inputs due by `nowMs`: one per tick of the room, at the rate its state announces
   * (`tickHz`, set by the server at create: a room type may run at its own rate), catching up at
   * most 5 ticks after a stall. Call it often (every few ms); nothing is sent before the first state.
   */
  pump(nowMs: number): void {
    const tickHz = (this.room?.state as { tickHz?: number } | undefined)?.tickHz;
    if (!tickHz) return;
    const tickMs = 1000 / tickHz;
    if (nowMs - this.nextInputMs > 5 * tickMs) this.nextInputMs = nowMs - tickMs;
    while (this.nextInputMs <= nowMs) {
      this.step();
      this.nextInputMs += tickMs;
    }
  }

  /** Send one input decided from the latest state (pump calls it at the room's tick rate). */
  step(): void {
    const room = this.room;
    if (!room || !room.connection.isOpen || !room.state?.players?.get(room.sessionId)) return;
    const tick = (room.state as { tick: number }).tick;
    const decided = this.options.behaviour(room.state, room.sessionId, tick);
    room.send("input", { ...decided, seq: ++this.seq, viewTick: tick });
    this.counters.inputs++;
  }

  /** Leave on purpose (consented) and stop rejoining. */
  async leave(): Promise<void> {
    this.stopping = true;
    const room = this.room;
    this.room = null;
    if (room?.connection.isOpen) await room.leave(true).catch(() => undefined);
  }

  private async join(): Promise<void> {
    const room = await this.client!.joinOrCreate(this.options.roomName, { name: this.options.name });
    this.seq = 0;
    this.adopt(room);
  }

  /** Play in `room` (a new one, or the old seat taken back), and get back in when it is lost. */
  private adopt(room: Room): void {
    if (this.stopping) {
      // Told to leave while joining.
      void room.leave(true).catch(() => undefined);
      return;
    }
    this.counters.joins++;
    this.seq = 0;
    room.onMessage(ArenaMessage.Shot, (shot: ShotMessage) => {
      if (shot.by !== room.sessionId) return;
      this.counters.shots++;
      if (shot.hit) this.counters.hits++;
    });
    let retryAfterMs: number | undefined;
    // Sent just before a 4201 close: when the server will be back.
    room.onMessage(ServerMessage.Notice, (notice: NoticeMessage) => {
      if (notice.code === NoticeCode.ServerRestarting && notice.retryAfterMs !== undefined) retryAfterMs = retryAfterHintMs(notice.retryAfterMs);
    });
    // Errors and anything a room type adds: nothing to do, but no "unhandled" warnings.
    room.onMessage("*", () => undefined);
    room.onLeave((code) => {
      if (this.room !== room) return;
      this.room = null;
      if (this.stopping || code === CloseCode.Consented) return;
      const shutdown = code === CloseCode.ServerShutdown;
      const waitMs = shutdown ? retryAfterMs ?? DEFAULT_RESTART_RETRY_AFTER_MS : 0;
      this.options.log(`${this.options.name}: left the room (code ${code}${shutdown ? `, server restarting, back in ${waitMs} ms` : ""}); ${shutdown ? "rejoining" : "reconnecting"}`);
      // After a shutdown the seat is gone with the process; after a drop it may still be held.
      void this.getBackIn(shutdown ? null : room.reconnectionToken, waitMs);
    });
    this.room = room;
  }

  /**
   * Take the seat back while it may exist (`token`), else quick-play into a new room; retried
   * with back-off while the server is down or busy (logging the first failure and every tenth,
   * one line each), logging in again if the server no longer accepts the token.
   */
  private async getBackIn(token: string | null, waitMs: number): Promise<void> {
    const { name } = this.options;
    const startedMs = Date.now();
    let seat = token;
    let relogin = false;
    let attempts = 0;
    while (!this.stopping) {
      const how = await retryJoin(async () => {
        attempts++;
        if (relogin) {
          this.client!.auth.token = await guestToken(this.options.url.replace(/^ws/, "http"), name, () => this.stopping);
          relogin = false;
        }
        if (seat) return { room: await this.client!.reconnect(seat), reconnected: true };
        const room = await this.client!.joinOrCreate(this.options.roomName, { name });
        return { room, reconnected: false };
      }, {
        firstWaitMs: waitMs,
        giveUpMs: REJOIN_GIVE_UP_MS,
        stopped: () => this.stopping,
        onFailure: ({ err, kind, attempt, nextDelayMs }) => {
          // The seat is not there any more (or not ours with a new token): join a new room instead.
          if (kind === "gone" || kind === "auth") seat = null;
          if (kind === "auth") relogin = true;
          if (attempt === 1 || attempt % 10 === 0) {
            this.options.log(`${name}: not back yet (attempt ${attempt}, ${kind}: ${err instanceof Error ? err.message : String((err as { message?: unknown } | null)?.message ?? err)}); retrying in ${nextDelayMs} ms`);
          }
        },
      });
      if (how) {
        if (!how.reconnected) this.seq = 0;
        this.adopt(how.room);
        this.options.log(`${name}: back in ${how.reconnected ? "its seat" : "a new room"} after ${attempts} attempt(s), ${((Date.now() - startedMs) / 1000).toFixed(1)} s`);
        return;
      }
      if (!this.stopping) this.options.log(`${name}: still not back after ${Math.round(REJOIN_GIVE_UP_MS / 1000)} s; still trying`);
      waitMs = 0;
    }
  }
}
