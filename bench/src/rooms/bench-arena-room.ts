import type { Client } from "@colyseus/core";
import type { ArenaInput } from "@arena/shared/games/arena";
import type { TickContext } from "@arena/server/framework";
import { ArenaRoom } from "@arena/server/rooms/arena/arena-room.js";
import type { MoverRoomOptions } from "./baseline-room.js";
import { moverIntent, moverStart } from "./movers.js";

/**
 * The real arena room with `movers` scripted players added server-side: each tick they are fed
 * an input through the room's own applyInput (movement, aim encoding), exactly as a client's
 * input would be, minus the socket. Nobody fires, so only state moves.
 */
export class BenchArenaRoom extends ArenaRoom {
  override maxClients = 256;
  private readonly moverIds: string[] = [];
  private readonly input: ArenaInput = { seq: 0, moveX: 0, moveY: 0, aim: 0, fire: false };

  protected override afterCreate(options: MoverRoomOptions): void {
    const count = options.movers ?? 0;
    for (let i = 0; i < count; i++) {
      const id = `npc-${i}`;
      this.addPlayer({ sessionId: id } as Client, { id, name: `NPC ${i}` });
      const player = this.state.players.get(id)!;
      Object.assign(player, moverStart(i, count));
      this.moverIds.push(id);
    }
  }

  protected override stepWorld(ctx: TickContext): void {
    for (let i = 0; i < this.moverIds.length; i++) {
      moverIntent(i, ctx.tick, this.input);
      this.applyInput(this.moverIds[i]!, this.input, ctx);
    }
    super.stepWorld(ctx);
  }
}
