import { Room, type Client } from "@colyseus/core";
import { MapSchema, Schema, type } from "@colyseus/schema";
import { PATCH_HZ, TICK_HZ, TICK_SEC, type FieldMap } from "@arena/shared";
import { ARENA_MAP, stepMovement } from "@arena/shared/games/arena";
import { moverIntent, moverStart, openField, type MoverIntent } from "./movers.js";

/** The arena player as a plain schema would have it: every field a `number`, no filtering. */
export class BaselinePlayer extends Schema {
  @type("number") x = 0;
  @type("number") y = 0;
  @type("number") aim = 0;
  @type("number") ack = 0;
  @type("number") health = 100;
  @type("number") kills = 0;
  @type("number") deaths = 0;
  @type("string") name = "";
  @type("number") color = 0;
}

export class BaselineState extends Schema {
  @type("number") tick = 0;
  @type({ map: BaselinePlayer }) players = new MapSchema<BaselinePlayer>();
}

/** Room name of the plain room in rooms of 16 (the capacity scenario's comparison). */
export const BASELINE_CAPACITY_ROOM = "bench-baseline-16";

export interface MoverRoomOptions {
  /** Seats per room (default 256): the capacity comparison uses rooms of 16, like the arena. */
  maxClients?: number;
  /** Scripted movers the server moves itself. */
  movers?: number;
  /** Map size (open field); the arena map when omitted. */
  fieldPx?: { widthPx: number; heightPx: number };
}

interface QueuedInput extends MoverIntent {
  seq: number;
}

/**
 * The comparison room: a plain Colyseus Room (no framework) with `number` fields, the same
 * movement step and the same scripted movers as the arena, state sent to everyone as is.
 * Clients that join get a player too, moved by the inputs they send (one applied per tick).
 */
export class BaselineRoom extends Room<BaselineState> {
  override maxClients = 256;
  private map: FieldMap = ARENA_MAP;
  private readonly movers: BaselinePlayer[] = [];
  private readonly queues = new Map<string, QueuedInput[]>();
  private readonly intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };

  override onCreate(options: MoverRoomOptions): void {
    if (options.maxClients) this.maxClients = options.maxClients;
    this.setState(new BaselineState());
    if (options.fieldPx) this.map = openField(options.fieldPx.widthPx, options.fieldPx.heightPx);
    const count = options.movers ?? 0;
    for (let i = 0; i < count; i++) {
      const p = new BaselinePlayer();
      p.name = `NPC ${i}`;
      p.color = 0x3366ff;
      Object.assign(p, moverStart(i, count, this.map));
      this.state.players.set(`npc-${i}`, p);
      this.movers.push(p);
    }
    this.onMessage("input", (client, input: QueuedInput) => {
      const queue = this.queues.get(client.sessionId);
      if (queue && queue.length < 32 && typeof input?.seq === "number") queue.push(input);
    });
    this.onMessage("*", () => undefined);
    this.setSimulationInterval(() => this.step(), 1000 / TICK_HZ);
    this.setPatchRate(1000 / PATCH_HZ);
  }

  override onJoin(client: Client, options: { play?: boolean }): void {
    if (!options?.play) return;
    const p = new BaselinePlayer();
    p.name = client.sessionId;
    Object.assign(p, moverStart(this.state.players.size, 64, this.map));
    this.state.players.set(client.sessionId, p);
    this.queues.set(client.sessionId, []);
  }

  override onLeave(client: Client): void {
    this.state.players.delete(client.sessionId);
    this.queues.delete(client.sessionId);
  }

  private step(): void {
    const tick = this.state.tick + 1;
    for (const [id, queue] of this.queues) {
      const input = queue.shift();
      const p = this.state.players.get(id);
      if (!input || !p) continue;
      stepMovement(p, input, TICK_SEC, this.map);
      p.aim = input.aim;
      p.ack = input.seq;
    }
    for (let i = 0; i < this.movers.length; i++) {
      const p = this.movers[i]!;
      moverIntent(i, tick, this.intent);
      stepMovement(p, this.intent, TICK_SEC, this.map);
      p.aim = this.intent.aim;
    }
    this.state.tick = tick;
  }
}
