import type { Room } from "colyseus.js";
import { joinArenaAsGuest } from "../../../server/src/tools/guest-join.js";
import { TICK_HZ, TICK_MS, TICK_SEC, followPoses } from "@arena/shared";
import { ARENA_MAP, PLAYER_SPEED_PX_PER_SEC, ARENA_POSES, stepMovement, type ArenaState } from "@arena/shared/games/arena";

/** An arrow key and the axes it drives. */
export interface Direction {
  key: "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown";
  moveX: number;
  moveY: number;
}

export const DIRECTIONS: readonly Direction[] = [
  { key: "ArrowRight", moveX: 1, moveY: 0 },
  { key: "ArrowLeft", moveX: -1, moveY: 0 },
  { key: "ArrowDown", moveX: 0, moveY: 1 },
  { key: "ArrowUp", moveX: 0, moveY: -1 },
];

/**
 * Inputs a Mover sends ahead when it starts, and the most it sends at once to catch up after its
 * timer was late (see startTicking): the server then always has a few queued, so a stall of the
 * test process shorter than that does not make the remote stop and go.
 */
const PREBUFFERED_INPUTS = 6;

/** A server that sent no patch for this many ticks (three patch intervals) is taken to be stalled: the Mover holds its inputs. */
const SILENT_TICKS = 9;

/** Steps per unit on a move axis on the wire (the arena input codec sends -127..127). */
const AXIS_STEPS = 127;

/** An axis value as the server decodes it: [-1, 1] quantized to 1/127. */
export function quantizeAxis(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, v)) * AXIS_STEPS) / AXIS_STEPS;
}

/**
 * A circle run one input per tick: input k heads along `startAngleRad + π/2 + (k + 0.5)·stepRad`
 * (counter-clockwise in screen coordinates, y down: increasing atan2 angle), so the body, moving
 * STEP_PX a tick, visits the corners of a regular polygon around `center` with circumradius
 * `radiusPx`, starting at the angle `startAngleRad`. Position independent: an input applied late
 * leaves the path on the same circle; one the server drops (its queue overflowed) moves the
 * center.
 */
export interface CirclePlan {
  center: { x: number; y: number };
  radiusPx: number;
  /** Angle of the start position around the center, radians (atan2(y - cy, x - cx)). */
  startAngleRad: number;
  /** Angle advanced per tick around the center, radians. */
  stepRad: number;
}

/** Input axes of tick `k` of `plan`, quantized like the wire. */
export function circleInput(plan: CirclePlan, k: number): { moveX: number; moveY: number } {
  const heading = plan.startAngleRad + Math.PI / 2 + (k + 0.5) * plan.stepRad;
  return { moveX: quantizeAxis(Math.cos(heading)), moveY: quantizeAxis(Math.sin(heading)) };
}

/**
 * A circle of about `radiusPx` through (x, y) that a player can run for `ticks` ticks without a
 * wall or the arena's edge ever touching it, checked by running the shared movement step on
 * ARENA_MAP against the same steps on an empty field. Tries 16 centers around (x, y); null if
 * none is free.
 */
export function freeCircle(x: number, y: number, radiusPx: number, ticks: number): CirclePlan | null {
  const stepRad = 2 * Math.asin(STEP_PX / (2 * radiusPx));
  const open = { widthPx: 1e6, heightPx: 1e6, walls: [], spawnPoints: [] };
  for (let i = 0; i < 16; i++) {
    const startAngleRad = Math.PI + (i / 16) * 2 * Math.PI;
    const plan: CirclePlan = {
      center: { x: x - radiusPx * Math.cos(startAngleRad), y: y - radiusPx * Math.sin(startAngleRad) },
      radiusPx, startAngleRad, stepRad,
    };
    const body = { x, y };
    const free = { x: x + 1e5, y: y + 1e5 };
    let ok = true;
    for (let k = 0; k < ticks && ok; k++) {
      const input = circleInput(plan, k);
      stepMovement(body, input, TICK_SEC, ARENA_MAP);
      stepMovement(free, input, TICK_SEC, open);
      ok = body.x === free.x - 1e5 && body.y === free.y - 1e5;
    }
    if (ok) return plan;
  }
  return null;
}

/** Full-speed px per tick. */
export const STEP_PX = PLAYER_SPEED_PX_PER_SEC / TICK_HZ;

/**
 * Ticks a player at (x, y) can move in `dir` before a wall slows it, run with the shared
 * movement step (the same code the server and the client run).
 */
export function freeRunTicks(x: number, y: number, dir: Direction, maxTicks = 1200): number {
  const body = { x, y };
  for (let t = 0; t < maxTicks; t++) {
    const bx = body.x;
    const by = body.y;
    stepMovement(body, { moveX: dir.moveX, moveY: dir.moveY }, TICK_SEC, ARENA_MAP);
    if (Math.abs(body.x - bx - dir.moveX * STEP_PX) > 1e-6 || Math.abs(body.y - by - dir.moveY * STEP_PX) > 1e-6) return t;
  }
  return maxTicks;
}

/** The axis direction with the longest free lane from (x, y). */
export function longestLane(x: number, y: number): { dir: Direction; ticks: number } {
  return DIRECTIONS.map((dir) => ({ dir, ticks: freeRunTicks(x, y, dir) })).sort((a, b) => b.ticks - a.ticks)[0]!;
}

/** The mover's own player as a patch told it: server tick and position, and when it arrived here. */
export interface TrackPoint {
  /** performance.now() in the test process when the patch was decoded, ms. */
  atMs: number;
  tick: number;
  x: number;
  y: number;
}

/**
 * A scripted remote player: a real colyseus.js client in the test process that holds one
 * direction or runs a circle, sending one input per simulation tick.
 */
export class Mover {
  private seq = 0;
  private moveX = 0;
  private moveY = 0;
  private patrolling = false;
  private lastAlong = Number.NaN;
  private stuckTicks = 0;
  private circlePlan: CirclePlan | null = null;
  private circleTick = 0;
  private tracking: TrackPoint[] | null = null;
  /** performance.now() of the last patch received. */
  private lastPatchAtMs = performance.now();
  private timer: ReturnType<typeof setInterval> | null = null;

  private constructor(readonly room: Room<ArenaState>) {}

  /** Log in as a guest at `httpUrl` and join room `roomId`. */
  static async join(httpUrl: string, roomId: string, name: string): Promise<Mover> {
    let mover: Mover | null = null;
    const room = await joinArenaAsGuest(httpUrl, roomId, name, (r) => {
      // First, so that every later state listener reads unpacked positions.
      followPoses(r, ARENA_POSES);
      r.onMessage("*", () => undefined);
      r.onStateChange(() => mover?.record());
    });
    mover = new Mover(room);
    mover.startTicking();
    return mover;
  }

  get id(): string {
    return this.room.sessionId;
  }

  /** Server position as this client decoded it. */
  position(): { x: number; y: number } {
    // Unpacked from the wire (followPoses): exact for the client's own player.
    const p = this.room.state.players.get(this.room.sessionId)!;
    return { x: p.x, y: p.y };
  }

  /** Hold `dir` (null: stand still) from the next tick on. */
  hold(dir: Direction | null): void {
    this.moveX = dir?.moveX ?? 0;
    this.moveY = dir?.moveY ?? 0;
    this.patrolling = false;
    this.circlePlan = null;
  }

  /**
   * Run `plan` (see freeCircle; its start must be where the server has this player, standing
   * still) from the next tick on, until hold() or patrol().
   */
  circle(plan: CirclePlan): void {
    this.hold(null);
    this.circlePlan = plan;
    this.circleTick = 0;
  }

  /** Start keeping every patch's tick and own position (until the next call); returns the list it fills. */
  track(): TrackPoint[] {
    this.tracking = [];
    return this.tracking;
  }

  /** Walk `dir`, turning back whenever a wall stops it (keeps moving for as long as wanted). */
  patrol(dir: Direction): void {
    this.hold(dir);
    this.patrolling = true;
    this.lastAlong = Number.NaN;
    this.stuckTicks = 0;
  }

  async leave(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.room.connection.isOpen) await this.room.leave(true).catch(() => undefined);
  }

  private record(): void {
    this.lastPatchAtMs = performance.now();
    const p = this.room.state.players?.get(this.room.sessionId);
    const last = this.tracking?.at(-1);
    if (!this.tracking || !p || (last && last.tick === this.room.state.tick)) return;
    this.tracking.push({ atMs: performance.now(), tick: this.room.state.tick, ...this.position() });
  }

  /** Patrol: the decoded position (updated per patch) has not moved for ~150 ms: turn around. */
  private turnWhenStuck(): void {
    const p = this.position();
    const along = p.x * this.moveX + p.y * this.moveY;
    this.stuckTicks = along === this.lastAlong ? this.stuckTicks + 1 : 0;
    this.lastAlong = along;
    if (this.stuckTicks < 9) return;
    this.moveX = -this.moveX;
    this.moveY = -this.moveY;
    this.lastAlong = Number.NaN;
    this.stuckTicks = 0;
  }

  private sendTick(): void {
    if (this.patrolling) this.turnWhenStuck();
    let { moveX, moveY } = this;
    if (this.circlePlan) ({ moveX, moveY } = circleInput(this.circlePlan, this.circleTick++));
    this.room.send("input", { seq: ++this.seq, moveX, moveY, aim: 0, fire: false });
  }

  private startTicking(): void {
    // Keep a few inputs queued on the server (it applies exactly one per tick, paced by time, so these
    // six stay queued), so a stall of this test process up to 100 ms does not make the remote stop and go.
    for (let i = 0; i < PREBUFFERED_INPUTS; i++) this.room.send("input", { seq: ++this.seq, moveX: 0, moveY: 0, aim: 0, fire: false });
    // An accumulator on the monotonic clock: one input per elapsed tick, whatever the timer does.
    // After a stall it sends the ticks it missed at once (what refills the server's queue), but
    // never more than the prebuffer: the rest are dropped, so no long burst follows a long stall.
    // While the server is silent (no patch for SILENT_TICKS: its tick loop stalled) it sends
    // nothing: the server is not taking inputs then, and a queue that overflowed would drop some,
    // which moves a circle's center (see CirclePlan).
    let next = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      if (now - this.lastPatchAtMs > SILENT_TICKS * TICK_MS) {
        next = now;
        return;
      }
      if (now - next > PREBUFFERED_INPUTS * TICK_MS) next = now - PREBUFFERED_INPUTS * TICK_MS;
      while (next <= now) {
        next += TICK_MS;
        if (!this.room.connection.isOpen) return;
        this.sendTick();
      }
    }, TICK_MS / 4);
  }
}
