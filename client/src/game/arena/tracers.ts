import type Phaser from "phaser";
import type { ShotMessage } from "@arena/shared/games/arena";

const TRACER_MS = 140;
/** A remote shot waits for the render clock at most this long (clock trouble must not swallow it). */
const MAX_WAIT_MS = 1000;

interface Tracer {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: number;
  hit: boolean;
  bornMs: number;
}

/**
 * Short-lived shot lines. Own shots are drawn at once (predicted); remote shots wait until the
 * render clock reaches their tick, so they leave the shooter where the shooter is drawn.
 */
export class Tracers {
  private live: Tracer[] = [];
  private waiting: { shot: ShotMessage; color: number; receivedMs: number }[] = [];
  private readonly graphics: Phaser.GameObjects.Graphics;

  constructor(scene: Phaser.Scene) {
    this.graphics = scene.add.graphics().setDepth(20);
  }

  /** Draw a tracer from now on. */
  add(x1: number, y1: number, x2: number, y2: number, color: number, hit: boolean, nowMs: number): void {
    this.live.push({ x1, y1, x2, y2, color, hit, bornMs: nowMs });
  }

  /** Queue a remote player's shot until the render clock shows its tick. */
  enqueue(shot: ShotMessage, color: number, nowMs: number): void {
    this.waiting.push({ shot, color, receivedMs: nowMs });
  }

  /** Start the queued shots whose tick has been reached; returns them (e.g. to flash who was hit). */
  release(renderTick: number, nowMs: number): ShotMessage[] {
    const due: ShotMessage[] = [];
    this.waiting = this.waiting.filter((w) => {
      if (w.shot.tick > renderTick && nowMs - w.receivedMs < MAX_WAIT_MS) return true;
      const s = w.shot;
      this.add(s.x1, s.y1, s.x2, s.y2, w.color, s.hit !== "", nowMs);
      due.push(s);
      return false;
    });
    return due;
  }

  /** Forget queued shots (after a resync their ticks may never line up). */
  clearWaiting(): void {
    this.waiting = [];
  }

  draw(nowMs: number): void {
    const g = this.graphics.clear();
    this.live = this.live.filter((t) => nowMs - t.bornMs < TRACER_MS);
    for (const t of this.live) {
      const alpha = 1 - (nowMs - t.bornMs) / TRACER_MS;
      g.lineStyle(5, t.color, 0.5 * alpha);
      g.lineBetween(t.x1, t.y1, t.x2, t.y2);
      g.lineStyle(2, 0xffffff, 0.9 * alpha);
      g.lineBetween(t.x1, t.y1, t.x2, t.y2);
      if (t.hit) {
        g.fillStyle(0xffffff, alpha);
        g.fillCircle(t.x2, t.y2, 5);
      }
    }
  }
}
