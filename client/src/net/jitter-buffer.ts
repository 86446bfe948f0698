import { MAX_INTERP_DELAY_MS } from "@arena/shared";

/**
 * Most the interpolation delay may grow to, in ms (shared with the server: its lag compensation
 * covers a shooter's interpolation delay in full up to this much), so a link bad enough to need
 * more is drawn by extrapolation instead of buffering further.
 */
export { MAX_INTERP_DELAY_MS };

export interface JitterBufferOptions {
  /** Server tick length in ms (a patch's tick times this is its time on the server timeline). */
  tickMs: number;
  /** Interval between patches in ms: the render time must stay this far behind a patch's arrival. */
  patchMs: number;
  /** Patches older than this (by arrival) leave the window the percentile is taken over, in ms. */
  windowMs?: number;
  /**
   * The fastest transit (the baseline `delayMs` is measured from, and the cap is applied to) is
   * taken over this much, in ms: shorter than `windowMs`, so when the whole stream shifts later
   * (the server's tick timeline lost time in a stall) the cap follows within this long.
   */
  baselineWindowMs?: number;
  /** Share of the window's patches that must have arrived before the render time needed them. */
  percentile?: number;
  /** Added on top of what the window's patches needed, in ms. */
  marginMs?: number;
  /** How fast the delay comes down once the link is better again, in ms per second. */
  shrinkMsPerSec?: number;
  /** Upper bound of `delayMs`. */
  maxDelayMs?: number;
}

/**
 * An adaptive jitter buffer for snapshot interpolation: decides how far behind the patch stream
 * remote entities are drawn, from how late the patches actually arrive.
 *
 * Each patch's *transit* is when it became usable on the client clock minus its time on the
 * server timeline (`availableMs - tick * tickMs`): the one-way trip plus the (unknown, constant)
 * clock offset plus whatever made it late. The render time (server timeline) is
 * `nowMs - playoutMs`. A patch of time T is needed once the render time passes the patch before
 * it (T - patchMs), so it came in time iff `playoutMs >= transit + patchMs`. The buffer keeps the
 * transits of the last `windowMs` and wants `playoutMs = percentile(transit) + patchMs + marginMs`:
 * it grows to that at once (the next patch already counts) and shrinks toward it by at most
 * `shrinkMsPerSec`, so one quiet second does not undo what a burst of late patches showed.
 *
 * `delayMs` is the buffering beyond the fastest recent patch (`playoutMs` minus the smallest
 * transit, by decode time, of the last `baselineWindowMs`): the interpolation delay, one patch
 * interval plus the spread of arrival times plus the margin, capped at `maxDelayMs` (a patch later
 * than that is covered by extrapolation).
 *
 * It needs no clock sync: the render time is anchored on the patches themselves, so an RTT or
 * clock offset estimate skewed by a busy page (pings are few, and late when the main thread is)
 * cannot put the render time ahead of the data.
 */
export class JitterBuffer {
  private readonly tickMs: number;
  private readonly patchMs: number;
  private readonly windowMs: number;
  private readonly baselineWindowMs: number;
  private readonly percentile: number;
  private readonly marginMs: number;
  private readonly shrinkMsPerSec: number;
  private readonly maxDelayMs: number;
  /** Arrival time and transit (when usable; when decoded) of the patches in the window, oldest first. */
  private readonly samples: { atMs: number; transitMs: number; decodedTransitMs: number }[] = [];
  private readonly sorted: number[] = [];
  private playout: number | null = null;
  private minTransitMs = 0;
  private lastAtMs = 0;

  constructor(options: JitterBufferOptions) {
    this.tickMs = options.tickMs;
    this.patchMs = options.patchMs;
    this.windowMs = options.windowMs ?? 5000;
    this.baselineWindowMs = options.baselineWindowMs ?? 500;
    this.percentile = options.percentile ?? 0.98;
    this.marginMs = options.marginMs ?? 5;
    this.shrinkMsPerSec = options.shrinkMsPerSec ?? 50;
    this.maxDelayMs = options.maxDelayMs ?? MAX_INTERP_DELAY_MS;
  }

  /**
   * A patch for server tick `tick` was decoded at `decodedMs` (client clock) and could be drawn
   * from `availableMs` on (<= decodedMs: see NetSession.onState; the same when unknown).
   */
  onPatch(tick: number, decodedMs: number, availableMs = decodedMs): void {
    const serverMs = tick * this.tickMs;
    this.samples.push({ atMs: decodedMs, transitMs: availableMs - serverMs, decodedTransitMs: decodedMs - serverMs });
    while (this.samples.length > 1 && this.samples[0]!.atMs < decodedMs - this.windowMs) this.samples.shift();
    this.sorted.length = 0;
    this.minTransitMs = Infinity;
    for (const s of this.samples) {
      this.sorted.push(s.transitMs);
      if (s.atMs >= decodedMs - this.baselineWindowMs) this.minTransitMs = Math.min(this.minTransitMs, s.decodedTransitMs);
    }
    this.sorted.sort((a, b) => a - b);
    // Nearest rank: with fewer than 1 / (1 - percentile) patches in the window, the latest one.
    const rank = Math.min(this.sorted.length - 1, Math.ceil(this.percentile * this.sorted.length) - 1);
    const wanted = Math.min(this.sorted[rank]! + this.patchMs + this.marginMs, this.minTransitMs + this.maxDelayMs);
    if (this.playout === null || wanted >= this.playout) {
      this.playout = wanted;
    } else {
      const sinceMs = Math.max(0, decodedMs - this.lastAtMs);
      this.playout = Math.max(wanted, this.playout - (this.shrinkMsPerSec * sinceMs) / 1000);
    }
    // The cap holds even when the fastest transit came down faster than the delay shrinks.
    this.playout = Math.min(this.playout, this.minTransitMs + this.maxDelayMs);
    this.lastAtMs = decodedMs;
  }

  /** Whether any patch has been seen since construction or `reset()`. */
  get ready(): boolean {
    return this.playout !== null;
  }

  /** Where the render clock should be at client time `nowMs`, on the server timeline in ms; null before any patch. */
  renderTargetMs(nowMs: number): number | null {
    return this.playout === null ? null : nowMs - this.playout;
  }

  /** The interpolation delay in ms (see the class comment); 0 before any patch. */
  get delayMs(): number {
    return this.playout === null ? 0 : Math.max(0, this.playout - this.minTransitMs);
  }

  /** Forget every patch (a new connection may be to another server timeline). */
  reset(): void {
    this.samples.length = 0;
    this.playout = null;
  }
}
