/** Options of a {@link FixedTickLoop}. All times in milliseconds. */
export interface FixedTickLoopOptions {
  tickMs: number;
  /** Most steps one `advance()` runs; any older backlog is dropped so a stall cannot snowball. */
  maxCatchUpSteps: number;
  /** Monotonic clock in ms (performance.now by default; tests pass a fake). */
  now?: () => number;
  /** Runs one simulation step. */
  onStep: () => void;
}

/**
 * Fixed-timestep driver: an accumulator fed by a monotonic clock runs `onStep`
 * exactly once per `tickMs` of elapsed time on average, at most `maxCatchUpSteps`
 * per call. Timers only wake it; they never decide how many steps run.
 */
export class FixedTickLoop {
  readonly tickMs: number;
  readonly maxCatchUpSteps: number;
  private readonly now: () => number;
  private readonly onStep: () => void;
  private lastMs: number;
  private accumulatorMs = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Total steps run. */
  steps = 0;
  /** Elapsed time thrown away because a stall exceeded the catch-up cap, in ms. */
  droppedMs = 0;

  constructor(options: FixedTickLoopOptions) {
    this.tickMs = options.tickMs;
    this.maxCatchUpSteps = options.maxCatchUpSteps;
    this.now = options.now ?? (() => performance.now());
    this.onStep = options.onStep;
    this.lastMs = this.now();
  }

  /** Time already accumulated toward the next step, in ms (0 <= x < tickMs). */
  get pendingMs(): number {
    return Math.max(0, this.accumulatorMs);
  }

  /** Run the steps the elapsed time calls for (capped). Returns how many ran. */
  advance(): number {
    const nowMs = this.now();
    this.accumulatorMs += Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    const maxBacklogMs = this.maxCatchUpSteps * this.tickMs;
    if (this.accumulatorMs > maxBacklogMs) {
      this.droppedMs += this.accumulatorMs - maxBacklogMs;
      this.accumulatorMs = maxBacklogMs;
    }
    let ran = 0;
    while (this.accumulatorMs >= this.tickMs - 1e-9) { // tolerance: sums of e.g. 1000/60 fall a hair short of whole ticks
      this.accumulatorMs -= this.tickMs;
      this.steps++;
      ran++;
      this.onStep();
    }
    return ran;
  }

  /** Start waking on a timer aimed at the next step boundary. */
  start(): void {
    if (this.timer) return;
    this.lastMs = this.now();
    this.accumulatorMs = 0;
    const wake = (): void => {
      this.advance();
      if (this.timer === null) return;
      const untilNextMs = Math.max(1, Math.floor(this.tickMs - this.accumulatorMs));
      this.timer = setTimeout(wake, untilNextMs);
    };
    this.timer = setTimeout(wake, Math.floor(this.tickMs));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
