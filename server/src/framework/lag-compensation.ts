/** The limits of lag compensation (see shared/src/protocol/lag-compensation.ts and docs/protocol.md). */
export interface LagCompensationLimits {
  /** Latency (round trip + batching) compensated at most, in ms; beyond it the shooter must lead. */
  maxLatencyMs: number;
  /** Interpolation delay compensated at most, in ms (the client never draws further back). */
  maxInterpDelayMs: number;
  /**
   * Allowance on top of the measured latency for one input's trip being slower than the
   * median and for the client's clock estimate, in ms; twice the measured jitter is added to it.
   */
  toleranceMs: number;
}

/** What the server knows of one client's link (see RoundTripMeter); null: not measured yet. */
export interface MeasuredLink {
  readonly rttMs: number | null;
  readonly jitterMs: number;
  readonly interpDelayMs: number | null;
}

/**
 * The earliest view time an input that arrived at `arrivalMs` (server timeline) can honestly
 * carry, as a tick. An honest client draws others at `serverNow - rtt/2 - interpDelay` when it
 * samples, and the input reaches the server `batchAgeMs + rtt/2` later, so its view time is
 * `arrivalMs - rtt - batchAgeMs - interpDelay`, give or take jitter. Both parts use what the
 * server measured or was told, each capped by its limit; before anything is measured the caps
 * themselves apply. A view tick earlier than this is moved up to it (the shot is "clamped").
 */
export function earliestViewTick(arrivalMs: number, batchAgeMs: number, link: MeasuredLink, limits: LagCompensationLimits, tickMs: number): number {
  const latencyMs = link.rttMs === null
    ? limits.maxLatencyMs
    : Math.min(limits.maxLatencyMs, link.rttMs + batchAgeMs + limits.toleranceMs + 2 * link.jitterMs);
  const interpMs = Math.min(limits.maxInterpDelayMs, link.interpDelayMs ?? limits.maxInterpDelayMs);
  return Math.floor((arrivalMs - latencyMs - interpMs) / tickMs);
}

/** Where a shot is resolved: the tick targets are rewound to, and whether the claimed view tick was moved. */
export interface RewindTick {
  tick: number;
  clamped: boolean;
}

/**
 * The tick to rewind to for an input applied at `currentTick`: the view tick it claims, but
 * never in the future, never before `floorTick` (its earliestViewTick) and never beyond the
 * history kept (`oldestTick`). Without a view tick, the present.
 */
export function rewindTick(viewTick: number | undefined, floorTick: number, oldestTick: number, currentTick: number, out: RewindTick): RewindTick {
  if (viewTick === undefined) {
    out.tick = currentTick;
    out.clamped = false;
    return out;
  }
  const lowest = Math.max(floorTick, oldestTick);
  out.clamped = viewTick < lowest;
  out.tick = Math.min(currentTick, Math.max(lowest, viewTick));
  return out;
}
