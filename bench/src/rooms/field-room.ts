import type { Client } from "@colyseus/core";
import { MapSchema, Schema, type, view } from "@colyseus/schema";
import { OWNER_VIEW_TAG, TICK_SEC, TickState, encodeAngle8, type FieldMap } from "@arena/shared";
import { arenaInputSchema, stepMovement, type ArenaInput } from "@arena/shared/games/arena";
import { TickRoom, type Identity, type InterestOptions, type TickContext } from "@arena/server/framework";
import { moverIntent, moverStart, openField, type MoverIntent } from "./movers.js";

/**
 * A player on a big open field, encoded like the arena's (one packed pose word per patch for
 * everyone, owner-only ack), but with 1 px positions so the word reaches 4095 px.
 */
export class FieldPlayer extends Schema {
  /** Bits 0-11 x (px), 12-23 y (px), 24-31 aim byte. */
  @type("uint32") pose = 0;
  @view(OWNER_VIEW_TAG) @type("uint32") ack = 0;
  @type("uint8") health = 100;
  @type("string") name = "";
  @type("uint32") color = 0;
  /** Server only: simulated position and aim byte. */
  x = 0;
  y = 0;
  aim = 0;
}

/** Everyone sees everyone. */
export class FieldState extends TickState {
  @type({ map: FieldPlayer }) players = new MapSchema<FieldPlayer>();
}

/** Interest managed: a client sees only the players its view holds. */
export class FieldStateInterest extends TickState {
  @view() @type({ map: FieldPlayer }) players = new MapSchema<FieldPlayer>();
}

/** Same input as the arena (fire is ignored here). */
type FieldInput = ArenaInput;

/** Encode buffer for both field variants (the largest state any scenario makes fits). */
const FIELD_ENCODE_BUFFER_BYTES = 64 * 1024;

export interface FieldRoomOptions {
  movers: number;
  widthPx: number;
  heightPx: number;
  /** Interest radius in px; 0 = everyone sees everything. */
  interestRadiusPx: number;
}

/**
 * Benchmark room for interest management: `movers` scripted players walk an open field; clients
 * join as (standing) players at a chosen spot and receive what is near them, via the framework's
 * SpatialInterest, or everything when the radius is 0.
 */
export class FieldRoom extends TickRoom<FieldState | FieldStateInterest, FieldInput> {
  protected readonly inputSchema = arenaInputSchema;
  protected override interest: InterestOptions | null = null;
  override maxClients = 1024;
  private map: FieldMap = openField(1000, 1000);
  private readonly movers: FieldPlayer[] = [];
  private readonly intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };

  protected override beforeCreate(options: FieldRoomOptions): void {
    this.map = openField(options.widthPx, options.heightPx);
    if (options.interestRadiusPx > 0) this.interest = { radiusPx: options.interestRadiusPx };
    // Without interest the whole field (up to 400 movers, about 11 KB) is one join snapshot: past
    // schema's 8 KB default, which 3.0.76 cuts (see encode-buffer.ts). Interest rooms get 64 KB anyway.
    this.config = { ...this.config, encodeBufferBytes: FIELD_ENCODE_BUFFER_BYTES };
  }

  protected override afterCreate(options: FieldRoomOptions): void {
    for (let i = 0; i < options.movers; i++) {
      const p = new FieldPlayer();
      p.name = `NPC ${i}`;
      p.color = 0x33aa66;
      Object.assign(p, moverStart(i, options.movers, this.map));
      this.state.players.set(`npc-${i}`, p);
      this.movers.push(p);
    }
  }

  protected createState(options: FieldRoomOptions): FieldState | FieldStateInterest {
    return options.interestRadiusPx > 0 ? new FieldStateInterest() : new FieldState();
  }

  protected addPlayer(client: Client, identity: Identity, options: unknown): void {
    const at = (options as { at?: { x: number; y: number } } | undefined)?.at;
    const p = new FieldPlayer();
    p.name = identity.name;
    p.x = Math.round(at?.x ?? this.map.widthPx / 2);
    p.y = Math.round(at?.y ?? this.map.heightPx / 2);
    this.state.players.set(client.sessionId, p);
  }

  protected applyInput(sessionId: string, input: FieldInput): void {
    const p = this.state.players.get(sessionId);
    if (!p) return;
    stepMovement(p, input, TICK_SEC, this.map);
    p.aim = encodeAngle8(input.aim);
  }

  protected stepWorld(ctx: TickContext): void {
    for (let i = 0; i < this.movers.length; i++) {
      const p = this.movers[i]!;
      moverIntent(i, ctx.tick, this.intent);
      stepMovement(p, this.intent, TICK_SEC, this.map);
      p.aim = encodeAngle8(this.intent.aim);
    }
  }

  protected override beforePatch(): void {
    for (const p of this.state.players.values()) {
      p.pose = (Math.min(4095, Math.round(p.x)) | (Math.min(4095, Math.round(p.y)) << 12) | (p.aim << 24)) >>> 0;
    }
  }
}
