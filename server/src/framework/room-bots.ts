import type { ZodType } from "zod";
import { BotFill, type BotBrain, type BotSeat } from "./bot-fill.js";
import type { Logger } from "./logger.js";

/** How a room seats and unseats a bot: through its own addPlayer/removePlayer hooks. */
export interface BotSeating {
  seat(seat: BotSeat): void;
  unseat(botId: string): void;
}

/**
 * A TickRoom's server-side bots: which to seat or unseat as people come and go (BotFill), and
 * each bot's input every tick. Bots are players without sockets: they are in `state.players`
 * but not in the room's clients, so they never take a seat a person could use.
 */
export class RoomBots<S extends { tick: number }, I> {
  private readonly fill = new BotFill();

  constructor(
    private readonly brain: BotBrain<S, I>,
    private readonly inputSchema: ZodType<I>,
    private readonly log: Logger,
    private readonly seating: BotSeating,
  ) {}

  /**
   * Make people plus bots `target` (capped by `maxPlayers`; people count in full, so a joining
   * person replaces a bot). `players` is everyone in the room's state now, bots included.
   */
  refill(players: number, target: number, maxPlayers: number): void {
    const plan = this.fill.plan(players - this.fill.bots.length, target, maxPlayers);
    for (const id of plan.remove) {
      this.seating.unseat(id);
      this.log.info({ botId: id }, "bot left");
    }
    for (const seat of plan.add) {
      this.seating.seat(seat);
      this.log.info({ botId: seat.id }, "bot joined");
    }
  }

  /** Bots seated now. */
  get seated(): number {
    return this.fill.bots.length;
  }

  /**
   * Each bot's input for `tick`, validated like a person's, handed to `apply` (the room's
   * applyInput). No ack for bots: nobody reconciles against it, and it would cost bytes every patch.
   */
  play(state: S, tick: number, apply: (botId: string, input: I) => void): void {
    for (const [botId, input] of this.fill.inputs(state, tick, this.brain, this.inputSchema, this.log)) apply(botId, input);
  }
}
