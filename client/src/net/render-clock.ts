/**
 * The time remote entities are drawn at, on the server's timeline. It follows a target
 * (server now - interpolation delay) by slewing its rate by at most `maxSlew`, so it never
 * runs backwards and never jumps while the estimate wobbles; it snaps only on a resync or
 * when it is off by more than `snapMs`. An optional limit stops it (without going back) where
 * there is no data to draw.
 */
export class RenderClock {
  private timeMs: number | null = null;

  constructor(private readonly maxSlew = 0.1, private readonly snapMs = 500) {}

  /**
   * Advance by one frame of `frameMs` toward `targetMs`, but not past `limitMs` (when already
   * past it, the clock stands still; a snap forward stops there too); returns the render time.
   */
  advance(frameMs: number, targetMs: number, limitMs = Infinity): number {
    if (this.timeMs === null) {
      this.timeMs = Math.min(targetMs, limitMs);
      return this.timeMs;
    }
    if (Math.abs(targetMs - this.timeMs) > this.snapMs) {
      // Forward only as far as the limit: a target that ran ahead while no data came (a stall)
      // must not carry the clock past the data, to be taken back when the data comes.
      this.timeMs = targetMs < this.timeMs ? targetMs : Math.max(this.timeMs, Math.min(targetMs, limitMs));
      return this.timeMs;
    }
    const wanted = targetMs - (this.timeMs + frameMs);
    const slew = Math.max(-this.maxSlew * frameMs, Math.min(this.maxSlew * frameMs, wanted));
    this.timeMs = Math.max(this.timeMs, Math.min(limitMs, this.timeMs + Math.max(0, frameMs + slew)));
    return this.timeMs;
  }

  /** Forget the current time; the next advance takes the target as is. */
  reset(): void {
    this.timeMs = null;
  }

  get nowMs(): number | null {
    return this.timeMs;
  }
}
