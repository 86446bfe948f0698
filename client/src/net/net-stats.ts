/** Counts events per second over a sliding one-second window. */
export class RateMeter {
  private readonly events: { atMs: number; amount: number }[] = [];

  add(atMs: number, amount = 1): void {
    this.events.push({ atMs, amount });
    this.trim(atMs);
  }

  /** Sum of amounts in the last second before `nowMs`. */
  perSecond(nowMs: number): number {
    this.trim(nowMs);
    return this.events.reduce((s, e) => s + e.amount, 0);
  }

  private trim(nowMs: number): void {
    while (this.events.length > 0 && this.events[0]!.atMs < nowMs - 1000) this.events.shift();
  }
}

/** What the debug overlay shows. */
export interface NetStatsSnapshot {
  rttMs: number;
  jitterMs: number;
  patchesPerSec: number;
  bytesDownPerSec: number;
  pendingInputs: number;
  corrections: number;
  lastCorrectionPx: number;
  /** Server teleports of the own player (respawns) taken as they are; not in `corrections`. */
  teleports: number;
  interpDelayMs: number;
  serverTick: number;
  renderTick: number;
  /**
   * Age of this client's own inputs when the server applied them, median and 99th percentile, in
   * ms, from the server's last `input_stats` report (InputStatsMessage; 0 before the first).
   */
  inputAgeMsP50: number;
  inputAgeMsP99: number;
  /** This client's inputs still waiting in its server queue after each tick, mean and most, over that report. */
  inputQueueDepthMean: number;
  inputQueueDepthMax: number;
}
