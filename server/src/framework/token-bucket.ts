/**
 * Token bucket: `capacity` tokens, refilled at `refillPerSec`. Time in ms from
 * the injected monotonic clock.
 */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSec: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.lastMs = now();
  }

  /** Take `cost` tokens if available. Returns false (taking nothing) when empty. */
  take(cost = 1): boolean {
    const nowMs = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((nowMs - this.lastMs) / 1000) * this.refillPerSec);
    this.lastMs = nowMs;
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }
}
