import { Client, type Room } from "colyseus.js";
import { ARENA_MAP, PLAYER_SPEED_PX_PER_SEC, TICK_HZ, TICK_MS, TICK_SEC, arenaX, arenaY, stepMovement, type ArenaState } from "@arena/shared";

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

/** Inputs a Mover keeps queued on the server (see startTicking). */
const PREBUFFERED_INPUTS = 6;

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

/**
 * A scripted remote player: a real colyseus.js client in the test process that holds one
 * direction, sending one input per simulation tick.
 */
export class Mover {
  private seq = 0;
  private moveX = 0;
  private moveY = 0;
  private patrolling = false;
  private lastAlong = Number.NaN;
  private stuckTicks = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  private constructor(readonly room: Room<ArenaState>) {}

  /** Log in as a guest at `httpUrl` and join room `roomId`. */
  static async join(httpUrl: string, roomId: string, name: string): Promise<Mover> {
    const res = await fetch(`${httpUrl}/auth/guest`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }),
    });
    if (!res.ok) throw new Error(`guest login: HTTP ${res.status}`);
    const client = new Client(httpUrl.replace(/^http/, "ws"));
    client.auth.token = ((await res.json()) as { token: string }).token;
    const room = await client.joinById<ArenaState>(roomId);
    room.onMessage("*", () => undefined);
    const deadline = Date.now() + 5000;
    while (!room.state.players?.get(room.sessionId)) {
      if (Date.now() > deadline) throw new Error("mover: own player never appeared in state");
      await new Promise((r) => setTimeout(r, 20));
    }
    const mover = new Mover(room);
    mover.startTicking();
    return mover;
  }

  get id(): string {
    return this.room.sessionId;
  }

  /** Server position as this client decoded it. */
  position(): { x: number; y: number } {
    // Decoded from the wire (arenaX/arenaY): exact for the client's own player.
    const p = this.room.state.players.get(this.room.sessionId)!;
    return { x: arenaX(this.room.state, p), y: arenaY(this.room.state, p) };
  }

  /** Hold `dir` (null: stand still) from the next tick on. */
  hold(dir: Direction | null): void {
    this.moveX = dir?.moveX ?? 0;
    this.moveY = dir?.moveY ?? 0;
    this.patrolling = false;
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

  private startTicking(): void {
    // Keep a few inputs queued on the server (it applies exactly one per tick, paced by time, so these
    // six stay queued), so a stall of this test process up to 100 ms does not make the remote stop and go.
    for (let i = 0; i < PREBUFFERED_INPUTS; i++) this.room.send("input", { seq: ++this.seq, moveX: 0, moveY: 0, aim: 0, fire: false });
    // An accumulator on a monotonic clock: one input per tick on average, whatever the timer does.
    let next = performance.now();
    this.timer = setInterval(() => {
      const now = performance.now();
      if (now - next > 5 * TICK_MS) next = now - TICK_MS;
      while (next <= now) {
        next += TICK_MS;
        if (!this.room.connection.isOpen) return;
        if (this.patrolling) this.turnWhenStuck();
        this.room.send("input", { seq: ++this.seq, moveX: this.moveX, moveY: this.moveY, aim: 0, fire: false });
      }
    }, TICK_MS / 2);
  }
}
