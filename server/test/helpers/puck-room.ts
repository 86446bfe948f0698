import type { Client } from "@colyseus/core";
import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { z } from "zod";
import { OWNER_VIEW_TAG, SlotBank, TickState, definePosePacking, tickInputFields } from "@arena/shared";
import { TickRoom, type TickContext } from "../../src/framework/index.js";

/**
 * A room type for tests only (not shipped): a `pucks` collection whose x, y go out packed by the
 * framework (`posePacking`), to 1/4 px, exact on the 1/16 px grid for nobody (pucks have no
 * owner). Players are plain. It exercises compact poses on a collection that is not `players`.
 */
export class PuckPlayer extends Schema {
  @view(OWNER_VIEW_TAG) @type("uint32") ack = 0;
}

export class Puck extends Schema {
  /** Set by the framework. */
  @type("uint8") slot = 0;
  /** Packed, not synced. */
  x = 0;
  y = 0;
}

export class PuckState extends TickState {
  @type({ map: PuckPlayer }) players = new MapSchema<PuckPlayer>();
  @type({ map: Puck }) pucks = new MapSchema<Puck>();
  @type(SlotBank) puckPoses = new SlotBank();
}

export const PUCK_POSES = definePosePacking({
  collection: "pucks",
  bank: "puckPoses",
  fields: [
    { name: "x", bits: 16, stepsPerUnit: 4 },
    { name: "y", bits: 16, stepsPerUnit: 4 },
  ],
});

const puckInputSchema = z.strictObject({ ...tickInputFields });
type PuckInput = z.infer<typeof puckInputSchema>;

export class PuckRoom extends TickRoom<PuckState, PuckInput> {
  protected readonly inputSchema = puckInputSchema;
  protected override readonly posePacking = PUCK_POSES;

  protected createState(options: unknown): PuckState {
    const state = new PuckState();
    const pucks = (options as { pucks?: [string, number, number][] } | undefined)?.pucks ?? [];
    for (const [id, x, y] of pucks) state.pucks.set(id, Object.assign(new Puck(), { x, y }));
    return state;
  }

  /** Each player brings a puck of its own, under its sessionId, at join options `x`, `y` (if given). */
  protected addPlayer(client: Client, _identity: unknown, options: unknown): void {
    this.state.players.set(client.sessionId, new PuckPlayer());
    const { x, y } = (options ?? {}) as { x?: number; y?: number };
    if (x !== undefined && y !== undefined) this.state.pucks.set(client.sessionId, Object.assign(new Puck(), { x, y }));
  }

  protected applyInput(): void {}

  protected stepWorld(_ctx: TickContext): void {}
}

/** The same room declaring a bank the state does not have: its creation must fail. */
export class MisspeltPuckRoom extends PuckRoom {
  protected override readonly posePacking = definePosePacking({ ...PUCK_POSES, bank: "pucksPoses" });
}
