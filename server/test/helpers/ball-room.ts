import type { Client } from "@colyseus/core";
import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { z } from "zod";
import { OWNER_VIEW_TAG, TickState, tickInputFields } from "@arena/shared";
import { TickRoom, type HistoricPosition, type InterestOptions, type LagCompensated, type TickContext } from "../../src/framework/index.js";

/**
 * A room type for tests only (not shipped): players that stand where they joined (join options
 * `x`, `y`) and a `balls` collection beside `players`, both under interest management and both
 * recorded for lag compensation. It exercises the framework's entity declarations over real sockets.
 */
export class BallPlayer extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  @view(OWNER_VIEW_TAG) @type("uint32") ack = 0;
}

export class Ball extends Schema {
  @type("float32") x = 0;
  @type("float32") y = 0;
  /** Bumped by markTeleport when the server resets the ball (clients cut instead of sweeping). */
  @type("uint8") teleports = 0;
}

export class BallState extends TickState {
  @view() @type({ map: BallPlayer }) players = new MapSchema<BallPlayer>();
  @view() @type({ map: Ball }) balls = new MapSchema<Ball>();
}

export const BALL_INTEREST_RADIUS_PX = 300;

const ballInputSchema = z.strictObject({ ...tickInputFields });
type BallInput = z.infer<typeof ballInputSchema>;

export class BallRoom extends TickRoom<BallState, BallInput> {
  protected readonly inputSchema = ballInputSchema;
  protected override readonly interest: InterestOptions = { radiusPx: BALL_INTEREST_RADIUS_PX, collections: ["players", "balls"] };
  protected override readonly historyCollections = ["players", "balls"];

  protected createState(options: unknown): BallState {
    const state = new BallState();
    const balls = (options as { balls?: [string, number, number][] } | undefined)?.balls ?? [];
    for (const [id, x, y] of balls) state.balls.set(id, Object.assign(new Ball(), { x, y }));
    return state;
  }

  protected addPlayer(client: Client, _identity: unknown, options: unknown): void {
    const { x = 0, y = 0 } = (options ?? {}) as { x?: number; y?: number };
    this.state.players.set(client.sessionId, Object.assign(new BallPlayer(), { x, y }));
  }

  protected applyInput(): void {}

  protected stepWorld(_ctx: TickContext): void {}

  /** The lag-compensation history at `tick` (what a kick at that view tick would be resolved against). */
  positionsAt(tick: number): readonly HistoricPosition[] | undefined {
    return this.lag.at(tick);
  }

  /** lagCompensate for an input that claims `viewTick`. */
  rewindTo(viewTick: number): LagCompensated {
    return this.lagCompensate({ seq: 1, viewTick });
  }
}

/** The same room with a misspelt collection name: its creation must fail. */
export class MisspeltBallRoom extends BallRoom {
  protected override readonly interest: InterestOptions = { radiusPx: BALL_INTEREST_RADIUS_PX, collections: ["players", "bals"] };
}

/** The same room culling balls but not players: its creation must fail (a client sees others near its own player). */
export class PlayerlessInterestBallRoom extends BallRoom {
  protected override readonly interest: InterestOptions = { radiusPx: BALL_INTEREST_RADIUS_PX, collections: ["balls"] };
}

/** The same room recording a history of a collection the state does not have: its creation must fail. */
export class MisspeltHistoryBallRoom extends BallRoom {
  protected override readonly historyCollections = ["players", "ball"];
}
