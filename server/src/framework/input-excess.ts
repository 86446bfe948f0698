/** Limits of an InputExcessMeter. All in ticks of the room's own clock (lost ticks included). */
export interface InputExcessOptions {
  /** Length of one window; a window ending with the lead above `toleranceTicks` is an excess window. */
  windowTicks: number;
  /** Inputs received beyond the ticks elapsed that a window may end with (jitter, a batch in flight). */
  toleranceTicks: number;
  /**
   * How far the lead may fall behind: inputs held up this long (a network stall, then the backlog
   * at once) arrive without counting as excess. A client silent for longer banks no more.
   */
  lateAllowanceTicks: number;
  /** Consecutive excess windows that close the client (CloseCode.Abuse); 0: never closed for this. */
  strikes: number;
}

/**
 * The same limits in time, as a room's config gives them: every room type gets the same
 * one-second window and tolerances in seconds whatever its tick rate (see excessOptionsAt).
 */
export interface InputExcessLimits {
  /** Length of one window, in ms. */
  windowMs: number;
  /** Inputs beyond the ticks elapsed that a window may end with, as ms of the room's ticks. */
  toleranceMs: number;
  /** How far the lead may fall behind, in ms of the room's ticks. */
  lateAllowanceMs: number;
  /** Consecutive excess windows that close the client; 0: never closed for this. */
  strikes: number;
}

/**
 * The meter's options for a room ticking at `tickHz`: each span rounded to whole ticks (a window
 * at least one tick), so a 30 Hz room closes a flooding client after as many seconds as a 60 Hz one.
 */
export function excessOptionsAt(limits: InputExcessLimits, tickHz: number): InputExcessOptions {
  const ticks = (ms: number) => Math.round((ms * tickHz) / 1000);
  return {
    windowTicks: Math.max(1, ticks(limits.windowMs)),
    toleranceTicks: ticks(limits.toleranceMs),
    lateAllowanceTicks: ticks(limits.lateAllowanceMs),
    strikes: limits.strikes,
  };
}

/** What one window's end says about a client's input rate. */
export type InputExcessVerdict = "ok" | "strike" | "kick";

/**
 * Whether a client sends inputs faster than the server ticks, measured against the room's own
 * tick count (the ticks it ran plus the ticks a stall made it drop), so a server stall, after
 * which every client's backlog arrives at once, counts as the time it took and not as excess.
 *
 * The lead is inputs received minus ticks elapsed, never below -lateAllowanceTicks. An honest
 * client sends one input per tick: its lead stays put (it moves only by its server queue depth,
 * which the client's send pacing keeps small). At every window's end a lead above
 * toleranceTicks is an excess window, and the excess is forgiven (the lead restarts at 0), so a
 * one-off burst (a long network stall's backlog, a deep queue) costs one window, two when it
 * straddles a window's end, and never a kick; a client that keeps sending faster than
 * toleranceTicks per window beyond the tick has `strikes` excess windows in a row and is closed.
 * At the defaults (1 s windows, 1/3 s of ticks of tolerance, 3 strikes; at 60 Hz 60 and 20 ticks) that is anything above
 * about 1.33 inputs per tick, closed after about 3 s. Its speed never depended on this: the
 * intake applies at most one input per tick whatever arrives.
 */
export class InputExcessMeter {
  private leadTicks = 0;
  private windowElapsedTicks = 0;
  private consecutive = 0;
  /** The lead at the end of the last excess window, before it was forgiven. */
  lastExcessTicks = 0;

  constructor(private readonly options: InputExcessOptions) {}

  /** `count` inputs arrived (valid records, whether queued or refused). */
  received(count = 1): void {
    this.leadTicks += count;
  }

  /** `ticks` of the room's clock went by (one step, plus any it dropped); at a window's end, the verdict. */
  elapse(ticks: number): InputExcessVerdict {
    const { windowTicks, toleranceTicks, lateAllowanceTicks, strikes } = this.options;
    this.leadTicks = Math.max(this.leadTicks - ticks, -lateAllowanceTicks);
    this.windowElapsedTicks += ticks;
    if (this.windowElapsedTicks < windowTicks) return "ok";
    this.windowElapsedTicks = 0;
    if (this.leadTicks <= toleranceTicks) {
      this.consecutive = 0;
      return "ok";
    }
    this.lastExcessTicks = this.leadTicks;
    this.leadTicks = 0;
    this.consecutive++;
    return strikes > 0 && this.consecutive >= strikes ? "kick" : "strike";
  }
}
