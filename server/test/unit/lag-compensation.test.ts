import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { RoundTripMeter, earliestViewTick, rewindTick, type LagCompensationLimits, type RewindTick } from "../../src/framework/index.js";
import { extrapolatedView } from "../../src/framework/lag-compensation.js";
import { LagCompensator } from "../../src/framework/lag-compensator.js";
import { LagHistory, type HistoricPosition } from "../../src/framework/lag-history.js";
import { Interpolator } from "../../../client/src/net/interpolator.js";

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

describe("extrapolatedView", () => {
  const MAX_AHEAD = 6;
  const coord = fc.double({ min: -2000, max: 2000, noNaN: true });

  it("property: the positions a client drew past its newest patch, as its Interpolator extrapolated them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coord, coord, coord, coord), { minLength: 40, maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 2, maxLength: 12 }),
        fc.integer({ min: 1, max: MAX_AHEAD }),
        (track, patchTicks, ahead) => {
          // Two entities, a player and a ball, somewhere at every tick; the client has the patches.
          const history = new LagHistory(64);
          track.forEach(([x, y, bx, by], tick) => history.record(tick, [{ id: "p", x, y }, { id: "b", x: bx, y: by, kind: "balls" }]));
          const patches = [...patchTicks].sort((a, b) => a - b);
          const b = patches.at(-1)!;
          const a = patches.at(-2)!;
          const drawn = ["p", "b"].map((id, e) => {
            const interp = new Interpolator();
            for (const tick of patches) interp.push(tick * TICK_MS, [track[tick]![2 * e]!, track[tick]![2 * e + 1]!]);
            const xy: number[] = [];
            expect(interp.sample((b + ahead) * TICK_MS, xy)).toBe("extrapolated");
            return { id, xy };
          });
          const seen = extrapolatedView(history, b + ahead, ahead, b - a, MAX_AHEAD, [])!;
          expect(seen.map((e) => e.id)).toEqual(["p", "b"]);
          expect(seen[1]!.kind).toBe("balls");
          for (const [i, { xy }] of drawn.entries()) {
            expect(seen[i]!.x).toBeCloseTo(xy[0]!, 6);
            expect(seen[i]!.y).toBeCloseTo(xy[1]!, 6);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("extrapolates no further than the client's limit, holds an entity with one snapshot, and needs the newest patch's tick in the history", () => {
    const history = new LagHistory(32);
    for (let tick = 0; tick <= 20; tick++) history.record(tick, [{ id: "p", x: 10 * tick, y: 0 }, ...(tick >= 10 ? [{ id: "new", x: 5, y: 5 }] : [])]);
    const out: HistoricPosition[] = [];
    // From patches 7 and 10, claimed 9 ticks ahead: 6 at most, so x = 100 + 10 x 6.
    expect(extrapolatedView(history, 19, 9, 3, MAX_AHEAD, out)).toEqual([{ id: "p", x: 160, y: 0, kind: undefined }, { id: "new", x: 5, y: 5, kind: undefined }]);
    // An entity first recorded at the newest patch: held there.
    expect(extrapolatedView(history, 12, 2, 3, MAX_AHEAD, out)![1]).toMatchObject({ id: "new", x: 5, y: 5 });
    // The newest patch's tick is not in the history, or the one before it is not: nothing to extrapolate from.
    expect(extrapolatedView(history, 40, 5, 3, MAX_AHEAD, out)).toBeUndefined();
    expect(extrapolatedView(history, 14, 2, 20, MAX_AHEAD, out)).toBeUndefined();
  });

  it("holds an entity teleported between the two patches (its counter changed: the client drew a cut)", () => {
    const history = new LagHistory(32);
    for (let tick = 0; tick <= 12; tick++) history.record(tick, [{ id: "ball", kind: "balls", x: tick < 10 ? 10 * tick : 500, y: 0, teleports: tick < 10 ? 3 : 4 }]);
    // From patches 7 and 10, 3 ahead: the ball was reset at tick 10, so it is where it landed.
    expect(extrapolatedView(history, 13, 3, 3, MAX_AHEAD, [])![0]).toMatchObject({ x: 500, y: 0 });
    // Before the reset, the same claim extrapolates: from patches 4 and 7, 3 ahead.
    expect(extrapolatedView(history, 10, 3, 3, MAX_AHEAD, [])![0]).toMatchObject({ x: 100, y: 0 });
  });
});

describe("LagCompensator", () => {
  // 60 Hz ticks, 20 Hz patches: up to 6 ticks of extrapolation; a second of history.
  const lag = new LagCompensator();
  lag.configure(1000, TICK_MS, 20);
  for (let tick = 0; tick <= 100; tick++) lag.record(tick, [{ id: "p", x: 10 * tick, y: 0 }]);
  const xSeen = (input: Omit<Parameters<LagCompensator["compensate"]>[0], "seq">) => lag.compensate({ seq: 1, ...input }, 100).positions![0]!.x;

  it("honours an honest claim of extrapolation, and nothing beyond what an honest client draws", () => {
    // Drawn at 96 from patches 90 and 93 (3 ahead): where the client drew it, 960 (the motion is straight).
    lag.record(96, [{ id: "p", x: 0, y: 0 }]); // it really turned back at 96
    expect(xSeen({ viewTick: 96, viewFloorTick: 50, viewAheadTicks: 3, viewSpanTicks: 3 })).toBe(960);
    expect(xSeen({ viewTick: 96, viewFloorTick: 50 })).toBe(0);
    // More ahead than the rates allow (7 > 6), a patch before the floor, or a clamped view tick: the view tick's truth.
    expect(xSeen({ viewTick: 96, viewFloorTick: 50, viewAheadTicks: 7, viewSpanTicks: 3 })).toBe(0);
    expect(xSeen({ viewTick: 96, viewFloorTick: 92, viewAheadTicks: 3, viewSpanTicks: 3 })).toBe(0);
    expect(lag.compensate({ seq: 1, viewTick: 40, viewFloorTick: 50, viewAheadTicks: 3, viewSpanTicks: 3 }, 100).positions![0]!.x).toBe(500);
  });
});
