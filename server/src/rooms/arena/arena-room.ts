import type { Client } from "@colyseus/core";
import { encodeAngle8, markTeleport, pickSpawnPoint } from "@arena/shared";
import {
  ARENA_MAP, ArenaPlayer, ArenaState, FIRE_COOLDOWN_TICKS, MAX_HEALTH, MAX_PLAYERS_PER_ROOM, RESPAWN_DELAY_TICKS,
  ArenaMessage, arenaGame, healthAfterShot, isAlive, isSpawnProtected, protectionAfterTick, spawnProtectionUntil, traceShot,
  type ArenaInput, type KillMessage, type ShotMessage,
} from "@arena/shared/games/arena";
import { TickRoom, pickColor, type HistoricPosition, type Identity, type TickContext } from "../../framework/index.js";
import { arenaBotBrain } from "./arena-bot.js";

/** Server-only per-player bookkeeping (not synced). */
interface PlayerTimers {
  readonly sessionId: string;
  nextFireTick: number;
  /** Tick at which a dead player respawns; 0 while alive. */
  respawnTick: number;
  /** Spawn protection lasts until this tick (exclusive; 0 = none): see spawnProtectionUntil. */
  protectedUntilTick: number;
}

/** The arena's server-only state in a keyframe: timers are [sessionId, nextFireTick, respawnTick, protectedUntilTick]. */
export interface ArenaWorld {
  practice: boolean;
  timers: [string, number, number, number][];
}

/** Top-down arena shooter: move, aim, shoot; hits are lag-compensated. */
export class ArenaRoom extends TickRoom<ArenaState, ArenaInput> {
  protected readonly inputSchema = arenaGame.inputSchema;
  protected override readonly inputCodec = arenaGame.inputCodec ?? null;
  protected override readonly botBrain = arenaBotBrain;
  /** Position and aim go out packed, one word per player (5 bytes per moving player per patch). */
  protected override readonly posePacking = arenaGame.posePacking ?? null;
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
    this.placeAtSpawn(player);
    const protectedUntilTick = spawnProtectionUntil(this.state.tick);
    player.shielded = true;
    this.state.players.set(client.sessionId, player);
    this.timers.set(client.sessionId, { sessionId: client.sessionId, nextFireTick: 0, respawnTick: 0, protectedUntilTick });
  }

  protected override removePlayer(sessionId: string): void {
    super.removePlayer(sessionId);
    this.timers.delete(sessionId);
  }

  /** For a recording's keyframe: the practice flag and every player's timers, in order (hitRecords is scratch). */
  protected override snapshotWorld(): ArenaWorld {
    return { practice: this.practice, timers: [...this.timers.values()].map((t) => [t.sessionId, t.nextFireTick, t.respawnTick, t.protectedUntilTick]) };
  }

  protected override restoreWorld(world: ArenaWorld): void {
    this.practice = world.practice;
    this.timers.clear();
    for (const [sessionId, nextFireTick, respawnTick, protectedUntilTick] of world.timers) {
      this.timers.set(sessionId, { sessionId, nextFireTick, respawnTick, protectedUntilTick });
    }
  }

  protected applyInput(sessionId: string, input: ArenaInput, ctx: TickContext): void {
    const player = this.state.players.get(sessionId);
    const timers = this.timers.get(sessionId);
    if (!player || !timers) return;
    // The shared step, as the owner's client predicts it (dead players don't move).
    arenaGame.step(player, input, ctx.dtSec);
    if (!isAlive(player)) return;
    player.aim = encodeAngle8(input.aim);
    const fires = input.fire && ctx.tick >= timers.nextFireTick;
    // Firing gives up spawn protection (before the shot: a protected player cannot trade shots for free).
    timers.protectedUntilTick = protectionAfterTick(timers.protectedUntilTick, fires);
    if (fires) {
      timers.nextFireTick = ctx.tick + FIRE_COOLDOWN_TICKS;
      this.fire(sessionId, player, input, ctx);
    }
  }

  protected stepWorld(ctx: TickContext): void {
    for (const timers of this.timers.values()) {
      const player = this.state.players.get(timers.sessionId);
      if (!player) continue;
      // Synced as a flag (it changes twice a life), for clients to draw the protection.
      player.shielded = isSpawnProtected(timers.protectedUntilTick, ctx.tick);
      if (timers.respawnTick === 0 || ctx.tick < timers.respawnTick) continue;
      timers.respawnTick = 0;
      timers.protectedUntilTick = spawnProtectionUntil(ctx.tick);
      player.shielded = true;
      player.health = MAX_HEALTH;
      this.placeAtSpawn(player);
      // Not a step of its inputs: tell its client, so it cuts to the spawn and counts no correction.
      markTeleport(player);
    }
  }

  /** Living players' positions, in records reused every tick (LagHistory copies them). */
  protected override hitPositions(): readonly HistoricPosition[] {
    let n = 0;
    this.state.players.forEach((p, id) => {
      if (!isAlive(p)) return;
      const record = this.hitRecords[n] ?? (this.hitRecords[n] = { id, x: 0, y: 0 });
      record.id = id;
      record.x = p.x;
      record.y = p.y;
      record.teleports = p.teleports;
      n++;
    });
    this.hitRecords.length = n;
    return this.hitRecords;
  }

  /** Resolve a shot against targets where the shooter saw them (lag compensation). */
  private fire(shooterId: string, shooter: ArenaPlayer, input: ArenaInput, ctx: TickContext): void {
    const rewind = this.lagCompensate(input);
    const seen = rewind.positions ?? [...this.hitPositions()];
    const living = seen.filter((t) => {
      const target = this.state.players.get(t.id);
      return target !== undefined && isAlive(target);
    });
    const shot = traceShot(shooter.x, shooter.y, input.aim, shooterId, living, ARENA_MAP);
    let kill: KillMessage | null = null;
    if (shot.hitId && !this.practice) {
      const target = this.state.players.get(shot.hitId)!;
      const targetTimers = this.timers.get(shot.hitId)!;
      target.health = healthAfterShot(target.health, targetTimers.protectedUntilTick, ctx.tick);
      if (target.health === 0) {
        target.deaths++;
        shooter.kills++;
        targetTimers.respawnTick = ctx.tick + RESPAWN_DELAY_TICKS;
        kill = {
          by: shooterId, victim: shot.hitId, byName: shooter.name, victimName: target.name, tick: ctx.tick, respawnTick: targetTimers.respawnTick,
        };
      }
    }
    const message: ShotMessage = {
      by: shooterId, seq: input.seq, tick: ctx.tick, x1: shooter.x, y1: shooter.y, x2: shot.endX, y2: shot.endY, hit: shot.hitId ?? "",
      rewindMs: Math.round(rewind.rewindMs), clamped: rewind.clamped,
    };
    // Sent with the next patch, in the same write (see TickRoom.broadcastPatch): at most one patch
    // interval later, and the shot's effect (health) arrives in that patch anyway.
    this.broadcast(ArenaMessage.Shot, message, { afterNextPatch: true });
    // With the same patch, after its shot (the one that shows the victim dead): feed and tracer agree.
    if (kill) this.broadcast(ArenaMessage.Kill, kill, { afterNextPatch: true });
  }

  private placeAtSpawn(player: ArenaPlayer): void {
    const others = [...this.state.players.values()].filter((p) => p !== player && isAlive(p));
    const spawn = pickSpawnPoint(ARENA_MAP, others);
    player.x = spawn.x;
    player.y = spawn.y;
  }
}
