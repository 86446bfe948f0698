import { Room } from "@colyseus/core";
import { MapSchema, Schema, type } from "@colyseus/schema";
import { PATCH_HZ, TICK_HZ, TICK_SEC, encodeAngle8, packWord } from "@arena/shared";
import { ARENA_MAP, ARENA_POSES, stepMovement } from "@arena/shared/games/arena";
import type { MoverRoomOptions } from "./baseline-room.js";
import { moverIntent, moverStart, type MoverIntent } from "./movers.js";

/** Rarely changing fields per player; the pose lives in the state's `poses` map instead. */
export class SoaPlayer extends Schema {
  @type("uint8") health = 100;
  @type("uint16") kills = 0;
  @type("uint16") deaths = 0;
  @type("string") name = "";
  @type("uint32") color = 0;
  /** Server only. */
  x = 0;
  y = 0;
}

/**
 * "Structure of arrays": every pose word in one map of uint32 keyed like `players`. A changed
 * pose then costs its map index (1 B below 128) + operation (1 B) + value (4 B), and the map is
 * addressed once per patch, instead of addressing each player object (2 B) plus a field byte.
 */
export class SoaState extends Schema {
  @type("uint32") tick = 0;
  @type({ map: SoaPlayer }) players = new MapSchema<SoaPlayer>();
  @type({ map: "uint32" }) poses = new MapSchema<number>();
}

/**
 * Not used by the game: a measurement of what "<= 6 bytes per moving entity" takes with
 * @colyseus/schema (see docs/performance.md). Same movers and pose encoding as the arena.
 */
export class SoaRoom extends Room<SoaState> {
  override maxClients = 256;
  private readonly movers: SoaPlayer[] = [];
  private readonly intent: MoverIntent = { moveX: 0, moveY: 0, aim: 0 };
  private readonly aims: number[] = [];

  override onCreate(options: MoverRoomOptions): void {
    this.setState(new SoaState());
    const count = options.movers ?? 0;
    for (let i = 0; i < count; i++) {
      const p = new SoaPlayer();
      p.name = `NPC ${i}`;
      p.color = 0x3366ff;
      Object.assign(p, moverStart(i, count));
      this.state.players.set(`npc-${i}`, p);
      this.state.poses.set(`npc-${i}`, packWord(ARENA_POSES, { x: p.x, y: p.y, aim: 0 }));
      this.movers.push(p);
      this.aims.push(0);
    }
    this.onMessage("*", () => undefined);
    this.setSimulationInterval(() => this.step(), 1000 / TICK_HZ);
    this.setPatchRate(1000 / PATCH_HZ);
  }

  override onBeforePatch(): void {
    for (let i = 0; i < this.movers.length; i++) {
      const p = this.movers[i]!;
      this.state.poses.set(`npc-${i}`, packWord(ARENA_POSES, { x: p.x, y: p.y, aim: this.aims[i]! }));
    }
  }

  private step(): void {
    const tick = this.state.tick + 1;
    for (let i = 0; i < this.movers.length; i++) {
      moverIntent(i, tick, this.intent);
      stepMovement(this.movers[i]!, this.intent, TICK_SEC, ARENA_MAP);
      this.aims[i] = encodeAngle8(this.intent.aim);
    }
    this.state.tick = tick;
  }
}
