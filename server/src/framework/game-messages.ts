import type { ZodType } from "zod";
import { gameMessageNameProblem } from "@arena/shared";
import { TokenBucket } from "./token-bucket.js";
import type { TickContext } from "./tick-types.js";

/**
 * When a game message's handler runs:
 * - "tick": queued, and run at the start of the next tick (before that tick's inputs), all
 *   queued messages in arrival order. Deterministic like inputs: use it for anything that changes
 *   game state (a vote, a team switch, an item use).
 * - "arrival": at once, when the message arrives, between ticks. Only for what does not touch
 *   the simulation (a chat line or an emote that is only broadcast).
 */
export type GameMessageDelivery = "tick" | "arrival";

export interface GameMessageOptions {
  /** When the handler runs; default "tick" (see GameMessageDelivery). */
  delivery?: GameMessageDelivery;
  /**
   * Most messages of this type per second one client may send on average, on top of the
   * per-client limit on all messages (config.guard). Default: only that limit. A message over it
   * is answered `rate_limited` and dropped, without a strike (an honest player mashing a key hits
   * it; a flood still runs into the per-client limit, which strikes).
   */
  perSecond?: number;
  /** Messages of this type one client may send at once above `perSecond`; default max(1, perSecond). */
  burst?: number;
}

/**
 * One client message type a room type declares (see defineGameMessage): its validator, its
 * handler, when the handler runs and its own rate limit.
 */
export interface GameMessage<T> {
  readonly schema: ZodType<T>;
  readonly delivery: GameMessageDelivery;
  /** Per-client limit of this type per second, or null for none (see GameMessageOptions). */
  readonly perSecond: number | null;
  readonly burst: number;
  /**
   * Runs with a validated value only. `ctx` for "tick" delivery: the tick being computed (as in
   * applyInput); for "arrival": the last tick computed (`tick` is state.tick). Reused: don't keep it.
   */
  handle(sessionId: string, value: T, ctx: TickContext): void;
}

/** A room type's game messages by type name (the name the client sends). */
export type GameMessages = Readonly<Record<string, GameMessage<unknown>>>;

/**
 * Declare a client message a room type accepts besides inputs, e.g. in the room type:
 * `protected override readonly gameMessages = { emote: defineGameMessage(emoteSchema, (id, m) => ..., { perSecond: 2 }) }`.
 * The framework registers it through its intake: the per-client rate limit, this type's own
 * limit, validation by `schema` (refusals answered `invalid_message` with a strike), the log
 * budget; the handler never sees an invalid value and its exceptions are logged, never thrown
 * into Colyseus. Throws on options that make no sense (a developer error, found at start-up).
 */
export function defineGameMessage<T>(
  schema: ZodType<T>, handle: (sessionId: string, value: T, ctx: TickContext) => void, options: GameMessageOptions = {},
): GameMessage<T> {
  const perSecond = options.perSecond ?? null;
  if (perSecond !== null && !(perSecond > 0 && Number.isFinite(perSecond))) throw new Error(`defineGameMessage: perSecond must be a positive number, got ${perSecond}`);
  const burst = options.burst ?? Math.max(1, perSecond ?? 1);
  if (!(burst >= 1 && Number.isFinite(burst))) throw new Error(`defineGameMessage: burst must be at least 1, got ${burst}`);
  return { schema, delivery: options.delivery ?? "tick", perSecond, burst, handle };
}

/** Throw a clear Error when a declared name collides with the framework's messages or is not a valid name. */
export function checkGameMessages(messages: GameMessages): void {
  for (const name of Object.keys(messages)) {
    const problem = gameMessageNameProblem(name);
    if (problem) throw new Error(`room type declares an invalid game message: ${problem}`);
  }
}

/** One client's own limits of the declared types that have one (see GameMessageOptions.perSecond). */
export class GameMessageLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(messages: GameMessages) {
    for (const [name, message] of Object.entries(messages)) {
      if (message.perSecond !== null) this.buckets.set(name, new TokenBucket(message.burst, message.perSecond));
    }
  }

  /** Admit one message of `type` under its own limit (always true for a type without one). */
  admit(type: string): boolean {
    return this.buckets.get(type)?.take() ?? true;
  }
}

/** A validated game message waiting for the next tick. */
export interface QueuedGameMessage {
  readonly sessionId: string;
  readonly type: string;
  readonly message: GameMessage<unknown>;
  readonly value: unknown;
}
