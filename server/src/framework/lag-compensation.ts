import type { HistoricPosition, LagHistory } from "./lag-history.js";

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

/**
 * What a client drew at `viewTick` when it was extrapolating: every entity at the patch
 * `aheadTicks` before (tick b), continued along its motion since the patch `spanTicks` before that
 * (tick a), as the client's Interpolator does: `b + (b - a) * ahead / span`. The extrapolation is
 * at most `maxAheadTicks` long (the client's limit, MAX_EXTRAPOLATE_PATCHES). An entity held by
 * the client is held at b: one not recorded at a (the client had one snapshot of it) or one
 * teleported between a and b (its teleport counter changed: the client draws a cut). Undefined
 * when tick a or b is not in the history. The caller bounds the claim (LagCompensator). Writes
 * into `out` (reused) and returns it.
 */
export function extrapolatedView(
  history: LagHistory, viewTick: number, aheadTicks: number, spanTicks: number, maxAheadTicks: number, out: HistoricPosition[],
): readonly HistoricPosition[] | undefined {
  const newest = history.at(viewTick - aheadTicks);
  const before = history.at(viewTick - aheadTicks - spanTicks);
  if (!newest || !before) return undefined;
  const t = Math.min(aheadTicks, maxAheadTicks) / spanTicks;
  for (let i = 0; i < newest.length; i++) {
    const b = newest[i]!;
    const found = matching(before, b, i);
    const a = found && found.teleports === b.teleports ? found : undefined;
    const e = out[i] ?? (out[i] = { id: "", x: 0, y: 0 });
    e.id = b.id;
    e.kind = b.kind;
    e.teleports = b.teleports;
    e.x = a ? b.x + (b.x - a.x) * t : b.x;
    e.y = a ? b.y + (b.y - a.y) * t : b.y;
  }
  out.length = newest.length;
  return out;
}

/** `entity`'s entry in `positions` (usually at the same index: entities are recorded in a stable order). */
function matching(positions: readonly HistoricPosition[], entity: HistoricPosition, index: number): HistoricPosition | undefined {
  const same = positions[index];
  if (same && same.id === entity.id && same.kind === entity.kind) return same;
  return positions.find((p) => p.id === entity.id && p.kind === entity.kind);
}
