/** One ping round trip: client send/receive times (client clock) and the server's clock in between. */
export interface ClockSample {
  sentMs: number;
  receivedMs: number;
  serverTimeMs: number;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Estimates the server clock from ping round trips: the median of recent offsets
 * (never one sample), RTT as the median round trip and jitter as the mean absolute
 * deviation of round trips.
 */
export class ClockSync {
  private readonly offsets: number[] = [];
  private readonly rtts: number[] = [];

  constructor(private readonly windowSize = 15) {}

  /** Number of samples held. */
  get samples(): number {
    return this.rtts.length;
  }

  addSample(sample: ClockSample): void {
    const rttMs = Math.max(0, sample.receivedMs - sample.sentMs);
    this.rtts.push(rttMs);
    this.offsets.push(sample.serverTimeMs + rttMs / 2 - sample.receivedMs);
    if (this.rtts.length > this.windowSize) {
      this.rtts.shift();
      this.offsets.shift();
    }
  }

  /** Median round trip in ms. */
  get rttMs(): number {
    return median(this.rtts);
  }

  /** Mean absolute deviation of recent round trips, in ms. */
  get jitterMs(): number {
    const m = median(this.rtts);
    return this.rtts.length ? this.rtts.reduce((s, r) => s + Math.abs(r - m), 0) / this.rtts.length : 0;
  }

  /** Server clock now, given the client clock now. */
  serverNowMs(clientNowMs: number): number {
    return clientNowMs + median(this.offsets);
  }
}
