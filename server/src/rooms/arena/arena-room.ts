import type { Client } from "@colyseus/core";
import {
  ARENA_MAP, ArenaPlayer, ArenaState, FIRE_COOLDOWN_TICKS, MAX_HEALTH, MAX_PLAYERS_PER_ROOM,
  RESPAWN_DELAY_TICKS, ServerMessage, arenaInputCodec, arenaInputSchema, encodeAngle8,
  assignPoseSlot, healthAfterHit, markTeleport, pickSpawnPoint, releasePoseSlot, stepMovement, syncPose, traceShot, type ArenaInput, type ShotMessage,
} from "@arena/shared";
import { TickRoom, pickColor, type HistoricPosition, type Identity, type TickContext } from "../../framework/index.js";
import { arenaBotBrain } from "./arena-bot.js";

/** Server-only per-player bookkeeping (not synced). */
interface PlayerTimers {
  readonly sessionId: string;
  nextFireTick: number;
  /** Tick at which a dead player respawns; 0 while alive. */
  respawnTick: number;
}

/** Top-down arena shooter: move, aim, shoot; hits are lag-compensated. */
export class ArenaRoom extends TickRoom<ArenaState, ArenaInput> {
  protected readonly inputSchema = arenaInputSchema;
  protected override readonly inputCodec = arenaInputCodec;
  protected override readonly botBrain = arenaBotBrain;
  override maxClients = MAX_PLAYERS_PER_ROOM;
  private readonly timers = new Map<string, PlayerTimers>();
  /** Aim practice (see RoomTypeOptions.arenaPractice): hits are registered and reported, no damage. */
  private practice = false;
  private readonly hitRecords: HistoricPosition[] = [];

  protected createState(options: unknown): ArenaState {
    this.practice = (options as { practice?: unknown } | undefined)?.practice === true;
    return new ArenaState();
  }

  protected addPlayer(client: Client, identity: Identity): void {
    const player = new ArenaPlayer();
    player.name = identity.name;
    player.color = pickColor([...this.state.players.values()].map((p) => p.color));
    assignPoseSlot(this.state, player);
    this.placeAtSpawn(player);
    this.state.players.set(client.sessionId, player);
    this.timers.set(client.sessionId, { sessionId: client.sessionId, nextFireTick: 0, respawnTick: 0 });
  }

  protected override removePlayer(sessionId: string): void {
    const player = this.state.players.get(sessionId);
    if (player) releasePoseSlot(this.state, player);
    super.removePlayer(sessionId);
    this.timers.delete(sessionId);
  }

  protected applyInput(sessionId: string, input: ArenaInput, ctx: TickContext): void {
    const player = this.state.players.get(sessionId);
    const timers = this.timers.get(sessionId);
    if (!player || !timers || player.health <= 0) return;
    stepMovement(player, input, ctx.dtSec, ARENA_MAP);
    player.aim = encodeAngle8(input.aim);
    if (input.fire && ctx.tick >= timers.nextFireTick) {
      timers.nextFireTick = ctx.tick + FIRE_COOLDOWN_TICKS;
      this.fire(sessionId, player, input, ctx);
    }
  }

  protected stepWorld(ctx: TickContext): void {
    for (const timers of this.timers.values()) {
      if (timers.respawnTick === 0 || ctx.tick < timers.respawnTick) continue;
      const player = this.state.players.get(timers.sessionId);
      if (!player) continue;
      timers.respawnTick = 0;
      player.health = MAX_HEALTH;
      this.placeAtSpawn(player);
      // Not a step of its inputs: tell its client, so it cuts to the spawn and counts no correction.
      markTeleport(player);
    }
  }

  /** Pack the simulated positions into the synced pose words (once per patch, not per tick). */
  protected override beforePatch(): void {
    for (const player of this.state.players.values()) syncPose(this.state, player);
  }

  /** Living players' positions, in records reused every tick (LagHistory copies them). */
  protected override hitPositions(): readonly HistoricPosition[] {
    let n = 0;
    this.state.players.forEach((p, id) => {
      if (p.health <= 0) return;
      const record = this.hitRecords[n] ?? (this.hitRecords[n] = { id, x: 0, y: 0 });
      record.id = id;
      record.x = p.x;
      record.y = p.y;
      n++;
    });
    this.hitRecords.length = n;
    return this.hitRecords;
  }

  /** Resolve a shot against targets where the shooter saw them (lag compensation). */
  private fire(shooterId: string, shooter: ArenaPlayer, input: ArenaInput, ctx: TickContext): void {
    const rewind = this.lagCompensate(input);
    const seen = rewind.positions ?? [...this.hitPositions()];
    const living = seen.filter((t) => (this.state.players.get(t.id)?.health ?? 0) > 0);
    const shot = traceShot(shooter.x, shooter.y, input.aim, shooterId, living, ARENA_MAP);
    if (shot.hitId && !this.practice) {
      const target = this.state.players.get(shot.hitId)!;
      target.health = healthAfterHit(target.health);
      if (target.health === 0) {
        target.deaths++;
        shooter.kills++;
        this.timers.get(shot.hitId)!.respawnTick = ctx.tick + RESPAWN_DELAY_TICKS;
      }
    }
    const message: ShotMessage = {
      by: shooterId, seq: input.seq, tick: ctx.tick, x1: shooter.x, y1: shooter.y, x2: shot.endX, y2: shot.endY, hit: shot.hitId ?? "",
      rewindMs: Math.round(rewind.rewindMs), clamped: rewind.clamped,
    };
    // Sent with the next patch, in the same write (see TickRoom.broadcastPatch): at most one patch
    // interval later, and the shot's effect (health) arrives in that patch anyway.
    this.broadcast(ServerMessage.Shot, message, { afterNextPatch: true });
  }

  private placeAtSpawn(player: ArenaPlayer): void {
    const others = [...this.state.players.values()].filter((p) => p !== player && p.health > 0);
    const spawn = pickSpawnPoint(ARENA_MAP, others);
    player.x = spawn.x;
    player.y = spawn.y;
    // A client joining before the next patch gets its full state now: it must hold the spawn.
    syncPose(this.state, player);
  }
}
