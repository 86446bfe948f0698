import { maxExtrapolateTicks } from "@arena/shared";
import { extrapolatedView, rewindTick, type RewindTick } from "./lag-compensation.js";
import { LagHistory, type HistoricPosition } from "./lag-history.js";
import type { TickInput } from "./tick-types.js";

/** What lag compensation found for one input (see LagCompensator.compensate). */
export interface LagCompensated {
  /** Hit positions where the input's sender saw them; undefined when that tick is not in the history. */
  positions: readonly HistoricPosition[] | undefined;
  /** How far back the rewound tick is from the newest recorded one (state.tick), in ms. */
  rewindMs: number;
  /** True when the input's view tick was earlier than allowed and was moved forward. */
  clamped: boolean;
}

/**
 * A room's lag compensation: where every hit-relevant entity was at each tick of the last
 * `historyMs`, and for one input, where its sender saw them. The result is reused: read it
 * before the next call.
 */
export class LagCompensator {
  private history = new LagHistory(1);
  private tickMs = 1;
  /** The longest extrapolation a client draws, in ticks (MAX_EXTRAPOLATE_PATCHES patch intervals at the room's rates). */
  private maxExtrapolateTicks = 0;
  private readonly rewound: RewindTick = { tick: 0, clamped: false };
  private readonly result: LagCompensated = { positions: undefined, rewindMs: 0, clamped: false };
  /** Reused output of extrapolatedView. */
  private readonly extrapolated: HistoricPosition[] = [];

  /** Size for the room's rates: a history that spans `historyMs`. Forgets what was recorded. */
  configure(historyMs: number, tickMs: number, patchHz: number): void {
    this.tickMs = tickMs;
    this.history = new LagHistory(Math.ceil(historyMs / tickMs) + 1);
    this.maxExtrapolateTicks = maxExtrapolateTicks(tickMs, 1000 / patchHz);
  }

  /** Record where every entity is at `tick` (after the tick's step). */
  record(tick: number, positions: Iterable<HistoricPosition>): void {
    this.history.record(tick, positions);
  }

  /** Positions recorded at `tick`, or undefined when that tick is not (or no longer) kept. */
  at(tick: number): readonly HistoricPosition[] | undefined {
    return this.history.at(tick);
  }

  /** The history as a keyframe's rows (see LagHistory.snapshot). */
  snapshot(): ReturnType<LagHistory["snapshot"]> {
    return this.history.snapshot();
  }

  /** Put back a keyframe's rows (see LagHistory.restore). */
  restore(rows: Parameters<LagHistory["restore"]>[0]): void {
    this.history.restore(rows);
  }

  /**
   * Everyone's hit positions at the tick `input`'s sender was drawing them at, for an input
   * applied at `currentTick`: rewindTick bounds the claim by what the sender's measured link
   * makes plausible (`viewFloorTick`), by the history kept, and never in the future. A sender that
   * drew that frame past its newest patch (`viewAheadTicks`) gets the positions as it extrapolated
   * them (extrapolatedView), not the true ones: it aimed at what it drew. That claim is honoured
   * only as far as an honest client makes it: at most maxExtrapolateTicks ahead, and both patches
   * it extrapolated from within the same bounds as the view tick; otherwise the view tick's true
   * positions stand.
   */
  compensate(input: TickInput, currentTick: number): LagCompensated {
    const oldest = currentTick - this.history.capacityTicks + 1;
    const floor = input.viewFloorTick ?? oldest;
    const at = rewindTick(input.viewTick, floor, oldest, currentTick, this.rewound);
    const ahead = input.viewAheadTicks;
    const span = input.viewSpanTicks;
    const honoured = ahead !== undefined && span !== undefined && !at.clamped && at.tick === input.viewTick &&
      ahead >= 1 && ahead <= this.maxExtrapolateTicks && span >= 1 && at.tick - ahead - span >= Math.max(floor, oldest);
    const extrapolated = honoured ? extrapolatedView(this.history, at.tick, ahead, span, this.maxExtrapolateTicks, this.extrapolated) : undefined;
    const result = this.result;
    result.positions = extrapolated ?? this.history.at(at.tick);
    result.rewindMs = (currentTick - at.tick) * this.tickMs;
    result.clamped = at.clamped;
    return result;
  }
}
