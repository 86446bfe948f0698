import { EventEmitter } from "node:events";
import { ClientState, type Client } from "@colyseus/core";
import type { ZodType } from "zod";
import { logger, type Logger } from "./logger.js";
import { parseMessage } from "./validation.js";

/** The fields of an input a bot decides; the framework adds `seq` and `viewTick`. */
export type BotInput<I> = Omit<I, "seq" | "viewTick">;

/**
 * A bot's decision for one tick: the input it plays, given the room state (read only) and its
 * own player id. Runs inside the tick, so it must be deterministic: no clocks and no
 * Math.random (derive variety from `botId` and `tick`). The same function can drive a headless
 * client bot over the decoded state (see server/src/tools/bots).
 */
export type BotBrain<S, I> = (state: S, botId: string, tick: number) => BotInput<I>;

/** A stable 32-bit number for a bot id (FNV-1a), for brains to derive per-bot variety from. */
export function botSeed(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** One seated bot. */
export interface BotSeat {
  /** Player id in `state.players`; never a Colyseus sessionId ("bot-<n>" cannot collide with those). */
  id: string;
  /** Display name: "Bot <n>". */
  name: string;
  /** Sequence number of the last input fed to it. */
  seq: number;
  /** Its brain failed or produced an invalid input (logged once, not every tick). */
  faulted: boolean;
}

/** What a bot-fill pass should do: seat these, unseat those. */
export interface BotFillPlan {
  add: BotSeat[];
  remove: string[];
}

/**
 * Bookkeeping for server-side bots that fill a room while people play in it:
 * while at least one person is in the room, bots top the player count up to `target`;
 * each person who joins beyond that replaces one bot (the newest goes first). Pure: the room
 * seats and unseats the players the plan names.
 */
export class BotFill {
  private readonly seats: BotSeat[] = [];

  /** Bots seated now, oldest first. */
  get bots(): readonly BotSeat[] {
    return this.seats;
  }

  /**
   * Plan the bots for `humans` people in the room (counting those whose seat is held for a
   * reconnect). `target` is the wanted total of players (0 = no bots); `maxPlayers` caps it.
   */
  plan(humans: number, target: number, maxPlayers = Infinity): BotFillPlan {
    const total = Math.min(Math.max(0, Math.floor(target)), maxPlayers);
    const wanted = humans > 0 ? Math.max(0, total - humans) : 0;
    const plan: BotFillPlan = { add: [], remove: [] };
    while (this.seats.length > wanted) plan.remove.push(this.seats.pop()!.id);
    while (this.seats.length < wanted) {
      const seat = this.nextSeat();
      this.seats.push(seat);
      plan.add.push(seat);
    }
    return plan;
  }

  /**
   * Each seated bot's input for the coming tick, validated with the room's input schema like a
   * person's. The bot sees the state as it is (`viewTick` = `state.tick`). A brain that throws or
   * returns an invalid input is logged once and its bot idles that tick.
   */
  *inputs<S extends { tick: number }, I>(
    state: S, tick: number, brain: BotBrain<S, I>, schema: ZodType<I>, log: Logger = logger,
  ): Iterable<[string, I]> {
    for (const seat of this.seats) {
      let decided: BotInput<I>;
      try {
        decided = brain(state, seat.id, tick);
      } catch (err) {
        this.fault(seat, log, { err }, "bot brain threw; the bot idles");
        continue;
      }
      const parsed = parseMessage(schema, { ...decided, seq: seat.seq + 1, viewTick: state.tick });
      if (!parsed.ok) {
        this.fault(seat, log, { reason: parsed.reason }, "bot brain produced an invalid input; the bot idles");
        continue;
      }
      seat.seq++;
      yield [seat.id, parsed.value];
    }
  }

  private fault(seat: BotSeat, log: Logger, details: object, message: string): void {
    if (seat.faulted) return;
    seat.faulted = true;
    log.error({ botId: seat.id, ...details }, message);
  }

  /** The lowest free bot number, so names stay short and stable. */
  private nextSeat(): BotSeat {
    let n = 1;
    while (this.seats.some((s) => s.id === `bot-${n}`)) n++;
    return { id: `bot-${n}`, name: `Bot ${n}`, seq: 0, faulted: false };
  }
}

/**
 * A socketless stand-in Client for a bot, passed to a room type's `addPlayer` so bots are
 * seated exactly like people. Sending to it does nothing; it is never in `room.clients`.
 */
export function botClient(seat: BotSeat): Client {
  return socketlessClient(seat.id, { bot: true });
}

/**
 * A Client with no socket under `sessionId` (bots; people replayed from a recording): what a
 * room type's addPlayer reads (`sessionId`, `userData`) is there, and sending to it does nothing.
 */
export function socketlessClient(sessionId: string, userData: Record<string, unknown> = {}): Client {
  const noop = (): void => undefined;
  const stub = {
    ref: new EventEmitter(),
    id: sessionId,
    sessionId,
    state: ClientState.JOINED,
    reconnectionToken: "",
    userData,
    raw: noop,
    enqueueRaw: noop,
    send: noop,
    sendBytes: noop,
    error: noop,
    leave: noop,
    close: noop,
  };
  return stub as unknown as Client;
}

/**
 * `BOT_FILL` from the environment: the total players server-side bots fill a room up to while
 * someone plays (0, unset or invalid = off; an invalid value is logged).
 */
export function botFillFromEnv(env: NodeJS.ProcessEnv, fallback = 0): number {
  const raw = env.BOT_FILL;
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 64) {
    logger.warn({ BOT_FILL: raw }, "BOT_FILL must be an integer from 0 to 64; bots are off");
    return 0;
  }
  return value;
}
