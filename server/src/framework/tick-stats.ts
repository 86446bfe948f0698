/** Rolling record of recent tick durations (ms), for health output and benchmarks. */
export class TickStats {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  count = 0;
  maxMs = 0;

  constructor(capacity = 600) {
    this.samples = new Float64Array(capacity);
  }

  add(durationMs: number): void {
    this.samples[this.next] = durationMs;
    this.next = (this.next + 1) % this.samples.length;
    this.filled = Math.min(this.filled + 1, this.samples.length);
    this.count++;
    if (durationMs > this.maxMs) this.maxMs = durationMs;
  }

  /** Percentile (0..100) of the recent samples, 0 when empty. */
  percentile(p: number): number {
    if (this.filled === 0) return 0;
    const sorted = Array.from(this.samples.subarray(0, this.filled)).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}
