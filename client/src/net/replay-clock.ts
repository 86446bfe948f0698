/**
 * The clock a replay viewer's netcode runs on: real time scaled by the replay's speed (0 while
 * paused). A replay room's timeline (its ticks and `pong` times) runs at that speed, so with this
 * clock the clock sync sees a steady offset, the jitter buffer steady patch gaps and the render
 * clock advances as fast as the replay: no snapping at 2x or 4x. A change of scale is continuous
 * (the clock never jumps).
 */
export class ReplayClock {
  private baseMs: number;
  private anchorMs: number;
  private rate = 1;

  constructor(private readonly realNow: () => number = () => performance.now()) {
    this.anchorMs = realNow();
    this.baseMs = this.anchorMs;
  }

  /** The scaled time now, in ms. */
  now(): number {
    return this.baseMs + (this.realNow() - this.anchorMs) * this.rate;
  }

  get scale(): number {
    return this.rate;
  }

  /** Run at `scale` x real time from now on (0: stand still). */
  setScale(scale: number): void {
    if (scale === this.rate) return;
    this.baseMs = this.now();
    this.anchorMs = this.realNow();
    this.rate = scale;
  }
}
