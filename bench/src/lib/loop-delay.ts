import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/** How often the sampling timer fires, ms. */
const RESOLUTION_MS = 1;

/**
 * Event-loop delay of this process: how late a timer due every RESOLUTION_MS runs.
 * Node's histogram records the whole interval between two samples (resolution + delay: an idle
 * loop reads about 1.1 ms), so the resolution is taken off here, as load-shedding tools do.
 */
export class LoopDelay {
  private readonly histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });

  constructor() {
    this.histogram.enable();
  }

  /** Delay at percentile `p` (0-100), ms. */
  percentileMs(p: number): number {
    return Math.max(0, this.histogram.percentile(p) / 1e6 - RESOLUTION_MS);
  }

  /** Largest delay since the last reset, ms. */
  get maxMs(): number {
    return Math.max(0, this.histogram.max / 1e6 - RESOLUTION_MS);
  }

  reset(): void {
    this.histogram.reset();
  }
}
