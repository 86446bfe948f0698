import { Client, type Room } from "colyseus.js";
import { CloseCode, ServerMessage, type ShotMessage } from "@arena/shared";
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

const REJOIN_DELAY_MS = 1000;

/**
 * One headless player: a real colyseus.js client that logs in as a guest, quick-plays into a
 * room, and sends one input per tick decided by its behaviour from the decoded state. It
 * rejoins after an unintended drop until `leave()` is called.
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
    if (this.stopping) {
      // Told to leave while joining.
      await room.leave(true).catch(() => undefined);
      return;
    }
    this.counters.joins++;
    this.seq = 0;
    room.onMessage(ServerMessage.Shot, (shot: ShotMessage) => {
      if (shot.by !== room.sessionId) return;
      this.counters.shots++;
      if (shot.hit) this.counters.hits++;
    });
    // Errors, notices and anything a room type adds: nothing to do, but no "unhandled" warnings.
    room.onMessage("*", () => undefined);
    room.onLeave((code) => {
      if (this.room !== room) return;
      this.room = null;
      if (this.stopping || code === CloseCode.Consented) return;
      this.options.log(`${this.options.name}: left the room (code ${code}); rejoining`);
      void this.rejoin();
    });
    this.room = room;
  }

  private async rejoin(): Promise<void> {
    while (!this.stopping) {
      await new Promise((r) => setTimeout(r, REJOIN_DELAY_MS));
      if (this.stopping) return;
      try {
        await this.join();
        return;
      } catch (err) {
        this.options.log(`${this.options.name}: rejoin failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
