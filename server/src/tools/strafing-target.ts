import type { Room } from "colyseus.js";
import { joinArenaAsGuest } from "./guest-join.js";
import { TICK_MS, followPoses } from "@arena/shared";
import { ARENA_POSES, type ArenaState, type ShotMessage } from "@arena/shared/games/arena";

/**
 * Where hit registration is measured. The shooter creates a room and is its first player, at
 * the first spawn point (100, 100). The target joins second and spawns at the farthest spawn
 * point (1500, 1100), walks up 250 ticks and left 210 (4 px a tick, so exactly to (660, 100)),
 * then strafes up and down across the line of fire, turning every 0.6 s (36 ticks: 144 px a
 * leg, 72 px each side of the line). The line of fire from (100, 100) to anywhere on that strafe
 * is clear of walls (the browser test checks it with the shared wall trace).
 */
export const STRAFE_GEOMETRY = {
  shooter: { x: 100, y: 100 },
  targetSpawn: { x: 1500, y: 1100 },
  walk: [{ moveX: 0, moveY: -1, ticks: 250 }, { moveX: -1, moveY: 0, ticks: 210 }] as const,
  centre: { x: 660, y: 100 },
  strafeAxis: { moveX: 0, moveY: 1 },
  strafeTicks: 36,
  /** How far the target goes each side of the centre, in px. */
  halfWidthPx: 72,
} as const;

/** One leg of a scripted walk: hold these axes for this many ticks. */
export interface Leg {
  moveX: number;
  moveY: number;
  ticks: number;
}

/** Inputs kept queued on the server so a busy test process does not make the target stop and go. */
const PREBUFFERED_INPUTS = 4;

/**
 * A scripted target for hit-registration tests: a real colyseus.js client in the test process
 * that walks a list of legs (one input per simulation tick, counted, so where it ends up is
 * exact), then strafes back and forth along an axis, turning every `strafeTicks`. It records
 * every shot the server reports (the `shot` message goes to everyone in the room).
 */
export class Target {
  private seq = 0;
  private sent = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private strafe: { moveX: number; moveY: number; ticks: number; firstTicks: number } | null = null;
  private readonly legs: Leg[] = [];
  /** Inputs of the walk still to send (the strafe follows). */
  private walkTicks = 0;
  readonly shots: ShotMessage[] = [];

  private constructor(readonly room: Room<ArenaState>) {
    room.onMessage("shot", (shot: ShotMessage) => this.shots.push(shot));
    room.onMessage("*", () => undefined);
  }

  /** Log in as a guest at `httpUrl` and join room `roomId`. */
  static async join(httpUrl: string, roomId: string, name: string): Promise<Target> {
    const room = await joinArenaAsGuest(httpUrl, roomId, name);
    followPoses(room, ARENA_POSES);
    return new Target(room);
  }

  get id(): string {
    return this.room.sessionId;
  }

  /** Server position as this client decoded it (exact for its own player). */
  position(): { x: number; y: number } {
    const p = this.room.state.players.get(this.room.sessionId)!;
    return { x: p.x, y: p.y };
  }

  /**
   * Walk `legs`, then strafe along (moveX, moveY) and back, `strafeTicks` each way (the first
   * leg of the strafe is half as long, so it swings around where the walk ended).
   */
  start(legs: readonly Leg[], strafe: { readonly moveX: number; readonly moveY: number }, strafeTicks: number): void {
    this.legs.push(...legs.map((l) => ({ ...l })));
    this.walkTicks = legs.reduce((n, l) => n + l.ticks, 0);
    this.strafe = { ...strafe, ticks: strafeTicks, firstTicks: Math.floor(strafeTicks / 2) };
    for (let i = 0; i < PREBUFFERED_INPUTS; i++) this.send(0, 0);
    // An accumulator on a monotonic clock: one input per tick on average, whatever the timer does.
    let next = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      if (now - next > 5 * TICK_MS) next = now - TICK_MS;
      while (next <= now) {
        next += TICK_MS;
        if (!this.room.connection.isOpen) return;
        const { moveX, moveY } = this.nextMove();
        this.send(moveX, moveY);
      }
    }, TICK_MS / 2);
  }

  /** Whether the walk is over (the target is strafing), as far as inputs sent go. */
  get strafing(): boolean {
    return this.sent > this.walkTicks;
  }

  async leave(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
  }

  private nextMove(): { moveX: number; moveY: number } {
    this.sent++;
    const leg = this.legs[0];
    if (leg) {
      if (--leg.ticks <= 0) this.legs.shift();
      return leg;
    }
    const s = this.strafe!;
    const into = this.sent - this.walkTicks - 1;
    // First half a leg one way, then whole legs alternating.
    const sign = into < s.firstTicks ? 1 : Math.floor((into - s.firstTicks) / s.ticks) % 2 === 0 ? -1 : 1;
    return { moveX: s.moveX * sign, moveY: s.moveY * sign };
  }

  private send(moveX: number, moveY: number): void {
    this.room.send("input", { seq: ++this.seq, moveX, moveY, aim: 0, fire: false });
  }
}
