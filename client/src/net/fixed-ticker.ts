/**
 * Client-side fixed-step accumulator, fed by rendered frames. Returns how many input ticks
 * to run this frame (capped: a long gap, such as a hidden tab, is skipped, not replayed).
 */
export class FixedTicker {
  private accumulatorMs = 0;

  constructor(readonly tickMs: number, private readonly maxStepsPerFrame = 5) {}

  /** Feed one frame's duration; returns the number of fixed steps due now. */
  advance(frameMs: number): number {
    this.accumulatorMs += Math.max(0, frameMs);
    let steps = Math.floor(this.accumulatorMs / this.tickMs);
    this.accumulatorMs -= steps * this.tickMs;
    if (steps > this.maxStepsPerFrame) steps = this.maxStepsPerFrame;
    return steps;
  }

  /** Fraction (0..1) of the next tick already elapsed: the render interpolation alpha. */
  get alpha(): number {
    return this.accumulatorMs / this.tickMs;
  }

  reset(): void {
    this.accumulatorMs = 0;
  }
}
