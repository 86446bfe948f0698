/** Round trips kept per client (the median of these is its RTT). */
const SAMPLES = 7;

/**
 * One client's round trip as the server measures it: the server sends a `probe`, the client
 * answers at once, and the time in between is one sample. The RTT is the median of the last few
 * samples and the jitter their mean absolute deviation, so one late answer moves neither.
 * A client can only make its RTT look longer (by answering late), never shorter; lag
 * compensation caps what a long one buys (LAG_COMP_MAX_LATENCY_MS).
 */
export class RoundTripMeter {
  private readonly samples: number[] = [];
  /** Median and mean absolute deviation of `samples`, computed once per answer (every input reads them). */
  private medianMs: number | null = null;
  private deviationMs = 0;
  private pendingId = 0;
  private pendingSentMs = 0;
  private nextId = 0;
  /** What the client last reported as its interpolation delay, in ms; null before its first answer. */
  interpDelayMs: number | null = null;

  /**
   * Id of a probe to send now, or null while one is in flight for less than `lostAfterMs` (an
   * older one is taken as lost: its answer, if it ever comes, is ignored).
   */
  startProbe(nowMs: number, lostAfterMs: number): number | null {
    if (this.pendingId !== 0 && nowMs - this.pendingSentMs < lostAfterMs) return null;
    this.pendingId = ++this.nextId;
    this.pendingSentMs = nowMs;
    return this.pendingId;
  }

  /** The answer to probe `id` arrived at `nowMs`. Returns false for an unknown or repeated id. */
  onReply(id: number, interpDelayMs: number, nowMs: number): boolean {
    if (id !== this.pendingId || id === 0) return false;
    this.pendingId = 0;
    this.samples.push(nowMs - this.pendingSentMs);
    if (this.samples.length > SAMPLES) this.samples.shift();
    const sorted = [...this.samples].sort((a, b) => a - b);
    const n = sorted.length;
    const median = n % 2 ? sorted[n >> 1]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    let deviation = 0;
    for (const sample of sorted) deviation += Math.abs(sample - median);
    this.medianMs = median;
    this.deviationMs = deviation / n;
    this.interpDelayMs = interpDelayMs;
    return true;
  }

  /** Median round trip in ms, or null before the first sample. */
  get rttMs(): number | null {
    return this.medianMs;
  }

  /** Mean absolute deviation of the samples from their median, in ms (0 before two samples). */
  get jitterMs(): number {
    return this.deviationMs;
  }
}
