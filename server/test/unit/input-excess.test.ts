import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { InputExcessMeter, excessOptionsAt, type InputExcessOptions } from "../../src/framework/input-excess.js";
import { RefusalLog } from "../../src/framework/refusal-log.js";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/config.js";

const OPTIONS: InputExcessOptions = excessOptionsAt(DEFAULT_TICK_ROOM_CONFIG.inputExcess, 60);

/** Feed `perTick(t)` inputs then one tick, for `ticks` ticks; the verdicts that were not "ok", with their tick. */
function run(meter: InputExcessMeter, ticks: number, perTick: (t: number) => number, lostAt: (t: number) => number = () => 0): string[] {
  const out: string[] = [];
  for (let t = 0; t < ticks; t++) {
    meter.received(perTick(t));
    const verdict = meter.elapse(1 + lostAt(t));
    if (verdict !== "ok") out.push(`${t}:${verdict}`);
  }
  return out;
}

describe("InputExcessMeter", () => {
  it("closes a client sending 2 inputs per tick after `strikes` windows in a row", () => {
    expect(OPTIONS).toEqual({ windowTicks: 60, toleranceTicks: 20, lateAllowanceTicks: 120, strikes: 3 });
    expect(run(new InputExcessMeter(OPTIONS), 240, () => 2)).toEqual(["59:strike", "119:strike", "179:kick", "239:kick"]);
  });

  it("the limits are time: a 30 Hz room closes a client sending 2 inputs per tick after the same 3 s as a 60 Hz room", () => {
    const at30 = excessOptionsAt(DEFAULT_TICK_ROOM_CONFIG.inputExcess, 30);
    expect(at30).toEqual({ windowTicks: 30, toleranceTicks: 10, lateAllowanceTicks: 60, strikes: 3 });
    expect(run(new InputExcessMeter(at30), 120, () => 2)).toEqual(["29:strike", "59:strike", "89:kick", "119:kick"]);
    // An honest client's one input per tick is never excess at 30 Hz either.
    expect(run(new InputExcessMeter(at30), 300, () => 1)).toEqual([]);
  });

  it("a server stall is time: the backlog that arrives after it (with the ticks the loop dropped) is no excess", () => {
    // 90 ticks dropped at tick 100; the 90 inputs sent meanwhile arrive with the next tick.
    expect(run(new InputExcessMeter(OPTIONS), 600, (t) => (t === 100 ? 91 : 1), (t) => (t === 100 ? 90 : 0))).toEqual([]);
  });

  it("a one-off burst (a long network stall's backlog) costs at most two windows, never a kick", () => {
    const verdicts = run(new InputExcessMeter(OPTIONS), 900, (t) => (t >= 100 && t < 400 ? 0 : t === 400 ? 301 : 1));
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.length).toBeLessThanOrEqual(2);
    expect(verdicts.every((v) => v.endsWith("strike"))).toBe(true);
  });

  it("property: one input per tick in clumps of up to 30 ticks, with silences of any length, is never a strike", () => {
    fc.assert(fc.property(fc.array(fc.record({ gap: fc.integer({ min: 1, max: 30 }), silence: fc.boolean() }), { minLength: 1, maxLength: 200 }), (clumps) => {
      const meter = new InputExcessMeter(OPTIONS);
      let owed = 0;
      for (const { gap, silence } of clumps) {
        for (let i = 0; i < gap; i++) {
          owed++;
          if (meter.elapse(1) !== "ok") return false;
        }
        // A silent clump's inputs are never sent (a hidden tab); otherwise all owed arrive at once.
        if (silence) owed = 0;
        meter.received(owed);
        owed = 0;
      }
      return true;
    }));
  });

  it("never closes anyone with strikes 0", () => {
    expect(run(new InputExcessMeter({ ...OPTIONS, strikes: 0 }), 600, () => 5).every((v) => v.endsWith("strike"))).toBe(true);
  });
});

describe("RefusalLog", () => {
  it("logs the first lines of a window in full, counts the rest, and sums the window up once", () => {
    const log = new RefusalLog({ windowMs: 10_000, linesPerWindow: 3 }, 0);
    const full = Array.from({ length: 1000 }, (_, i) => log.note(i % 2 ? "input_queue_full" : "rate_limited", i));
    expect(full.filter(Boolean).length).toBe(3);
    expect(log.due(9_999)).toBe(false);
    expect(log.due(10_000)).toBe(true);
    expect(log.takeSummary(10_000)).toEqual({ total: 1000, unlogged: 997, byCode: { rate_limited: 500, input_queue_full: 500 }, windowMs: 10_000 });
    // A new window: lines in full again; one with nothing unlogged has no summary.
    expect(log.note("stale_input", 20_000)).toBe(true);
    expect(log.due(30_000)).toBe(true);
    expect(log.takeSummary(30_000)).toBeNull();
    expect(log.due(40_000)).toBe(false);
  });
});
