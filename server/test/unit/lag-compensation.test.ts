import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RoundTripMeter, earliestViewTick, rewindTick, type LagCompensationLimits, type RewindTick } from "../../src/framework/index.js";

const TICK_MS = 1000 / 60;
const LIMITS: LagCompensationLimits = { maxLatencyMs: 500, maxInterpDelayMs: 300, toleranceMs: 25 };
const out = (): RewindTick => ({ tick: 0, clamped: false });

describe("rewindTick", () => {
  it("returns the view tick when it is within the bounds", () => {
    expect(rewindTick(95, 80, 40, 100, out())).toEqual({ tick: 95, clamped: false });
    expect(rewindTick(80, 80, 40, 100, out())).toEqual({ tick: 80, clamped: false });
    expect(rewindTick(100, 80, 40, 100, out())).toEqual({ tick: 100, clamped: false });
  });

  it("moves a view tick before the floor or the history up to it, and says so; a future one is the present", () => {
    expect(rewindTick(60, 80, 40, 100, out())).toEqual({ tick: 80, clamped: true });
    expect(rewindTick(20, 10, 40, 100, out())).toEqual({ tick: 40, clamped: true });
    expect(rewindTick(130, 80, 40, 100, out())).toEqual({ tick: 100, clamped: false });
    expect(rewindTick(undefined, 80, 40, 100, out())).toEqual({ tick: 100, clamped: false });
  });

  it("property: never in the future, never before the floor or the history, exact when allowed", () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 2 ** 31 }), { nil: undefined }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: -600, max: 600 }),
        fc.integer({ min: 1, max: 600 }),
        (viewTick, current, floorBack, history) => {
          const floor = current - floorBack;
          const oldest = current - history;
          const r = rewindTick(viewTick, floor, oldest, current, out());
          expect(r.tick).toBeLessThanOrEqual(current);
          if (viewTick === undefined) {
            expect(r).toEqual({ tick: current, clamped: false });
            return;
          }
          if (Math.max(floor, oldest) <= current) expect(r.tick).toBeGreaterThanOrEqual(Math.max(floor, oldest));
          if (viewTick <= current && viewTick >= Math.max(floor, oldest)) expect(r).toEqual({ tick: viewTick, clamped: false });
          expect(r.clamped).toBe(viewTick < Math.max(floor, oldest));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("earliestViewTick", () => {
  const arrivalMs = 10_000;
  it("before anything is measured, allows the full window: latency cap + interpolation cap", () => {
    const link = { rttMs: null, jitterMs: 0, interpDelayMs: null };
    expect(earliestViewTick(arrivalMs, 0, link, LIMITS, TICK_MS)).toBe(Math.floor((arrivalMs - 800) / TICK_MS));
  });

  it("with a measured link, allows what that link needs: rtt + batching + tolerance + 2 x jitter + interpolation delay", () => {
    const link = { rttMs: 40, jitterMs: 5, interpDelayMs: 60 };
    const floor = earliestViewTick(arrivalMs, 2 * TICK_MS, link, LIMITS, TICK_MS);
    expect(floor).toBe(Math.floor((arrivalMs - (40 + 2 * TICK_MS + 25 + 10) - 60) / TICK_MS));
    // A client 40 ms away cannot claim to have seen the targets 800 ms ago: its view tick is moved up.
    const claimed = Math.floor((arrivalMs - 800) / TICK_MS);
    expect(rewindTick(claimed, floor, 0, arrivalMs / TICK_MS, out()).clamped).toBe(true);
  });

  it("caps each part: a slow link gets the latency cap, a huge reported delay the interpolation cap", () => {
    const link = { rttMs: 900, jitterMs: 0, interpDelayMs: 5000 };
    expect(earliestViewTick(arrivalMs, 0, link, LIMITS, TICK_MS)).toBe(Math.floor((arrivalMs - 800) / TICK_MS));
  });
});

describe("RoundTripMeter", () => {
  it("measures the median round trip of answered probes and ignores unknown or repeated answers", () => {
    const m = new RoundTripMeter();
    expect(m.rttMs).toBeNull();
    const rtts = [100, 110, 500, 105, 95];
    let t = 0;
    for (const rtt of rtts) {
      const id = m.startProbe(t, 1000)!;
      expect(id).toBeGreaterThan(0);
      expect(m.startProbe(t + 1, 1000), "one probe in flight at a time").toBeNull();
      expect(m.onReply(id + 1, 50, t + rtt), "an unknown id").toBe(false);
      expect(m.onReply(id, 50, t + rtt)).toBe(true);
      expect(m.onReply(id, 50, t + rtt + 1), "a repeated answer").toBe(false);
      t += 2000;
    }
    expect(m.rttMs).toBe(105);
    expect(m.interpDelayMs).toBe(50);
    expect(m.jitterMs).toBeCloseTo((5 + 5 + 395 + 0 + 10) / 5);
  });

  it("takes a probe unanswered for `lostAfterMs` as lost, and ignores its late answer", () => {
    const m = new RoundTripMeter();
    const first = m.startProbe(0, 2000)!;
    expect(m.startProbe(1_999, 2000)).toBeNull();
    const second = m.startProbe(10_000, 2000)!;
    expect(second).not.toBe(first);
    expect(m.onReply(first, 0, 10_050)).toBe(false);
    expect(m.onReply(second, 0, 10_050)).toBe(true);
    expect(m.rttMs).toBe(50);
  });
});
