import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Interpolator } from "../src/net/index.js";

const sample = (interp: Interpolator, renderMs: number) => {
  const out: number[] = [];
  const kind = interp.sample(renderMs, out);
  return { kind, out };
};

describe("Interpolator", () => {
  it("is empty before the first snapshot, then holds a lone snapshot", () => {
    const interp = new Interpolator();
    expect(sample(interp, 0).kind).toBe("empty");
    interp.push(100, [5, 6]);
    expect(sample(interp, 50)).toEqual({ kind: "held", out: [5, 6] });
    expect(sample(interp, 500)).toEqual({ kind: "held", out: [5, 6] });
  });

  it("blends linearly between the snapshots around the render time", () => {
    const interp = new Interpolator();
    interp.push(0, [0, 100]);
    interp.push(50, [10, 100]);
    interp.push(100, [30, 0]);
    expect(sample(interp, 25)).toEqual({ kind: "interpolated", out: [5, 100] });
    expect(sample(interp, 75)).toEqual({ kind: "interpolated", out: [20, 50] });
    expect(sample(interp, 100)).toEqual({ kind: "interpolated", out: [30, 0] });
  });

  it("turns angles the short way round", () => {
    const interp = new Interpolator({ angleIndices: [0] });
    interp.push(0, [Math.PI - 0.1]);
    interp.push(100, [-Math.PI + 0.1]);
    const { out } = sample(interp, 50);
    // Half way across the ±π seam, not back through 0.
    expect(Math.abs(Math.abs(out[0]!) - Math.PI)).toBeLessThan(1e-9);
  });

  it("continues the last motion past the newest snapshot for at most maxExtrapolateMs, then holds", () => {
    const interp = new Interpolator({ maxExtrapolateMs: 100 });
    interp.push(0, [0]);
    interp.push(50, [10]);
    expect(sample(interp, 100)).toEqual({ kind: "extrapolated", out: [20] });
    expect(sample(interp, 150)).toEqual({ kind: "extrapolated", out: [30] });
    expect(sample(interp, 400)).toEqual({ kind: "held", out: [30] });
  });

  it("blends a late snapshot's correction away over smoothMs instead of jumping back", () => {
    const interp = new Interpolator({ smoothMs: 100 });
    interp.push(0, [0]);
    interp.push(50, [10]);
    // The patch for t=100 is late: frames at 60..100 ms extrapolate the motion to 20.
    for (let t = 60; t <= 100; t += 10) sample(interp, t);
    expect(sample(interp, 110).out).toEqual([22]);
    // It shows the entity stopped at 10 since t=50: drawn 12 px ahead of the truth at t=110.
    interp.push(100, [10]);
    interp.push(150, [10]);
    const drawn: number[] = [];
    for (let t = 120; t <= 230; t += 10) drawn.push(sample(interp, t).out[0]!);
    const steps = drawn.map((x, i) => (i === 0 ? x - 22 : x - drawn[i - 1]!));
    // 12 px over 100 ms of 10 ms frames: 1.2 px per frame, not one 12 px jump.
    for (const step of steps) expect(Math.abs(step)).toBeLessThanOrEqual(1.2 + 1e-9);
    expect(drawn.at(-1)).toBe(10);
    expect(drawn[9]).toBe(10); // t = 210: the 100 ms since the last extrapolated frame are over
  });

  it("without a late snapshot there is nothing to correct: plain interpolation", () => {
    const interp = new Interpolator({ smoothMs: 100 });
    interp.push(0, [0]);
    interp.push(50, [10]);
    sample(interp, 25);
    interp.push(100, [0]);
    expect(sample(interp, 75).out).toEqual([5]);
  });

  it("ignores snapshots older than the newest; the same time replaces it", () => {
    const interp = new Interpolator();
    interp.push(0, [0]);
    interp.push(100, [10]);
    interp.push(50, [999]);
    expect(interp.size).toBe(2);
    interp.push(100, [20]);
    expect(sample(interp, 50).out).toEqual([10]);
  });

  it("drops snapshots older than keepMs behind the newest, keeping at least two", () => {
    const interp = new Interpolator({ keepMs: 200 });
    for (let t = 0; t <= 1000; t += 50) interp.push(t, [t]);
    expect(interp.size).toBeLessThanOrEqual(6);
    expect(sample(interp, 900)).toEqual({ kind: "interpolated", out: [900] });
    interp.clear();
    expect(interp.size).toBe(0);
    expect(interp.newestMs).toBe(-Infinity);
  });

  it("never draws outside the two snapshots it blends (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 20 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }), // at 0 exactly it holds the first snapshot (tested above)
        (values, frac) => {
          const interp = new Interpolator();
          values.forEach((v, i) => interp.push(i * 50, [v]));
          const at = frac * (values.length - 1) * 50;
          const i = Math.min(values.length - 2, Math.floor(at / 50));
          const { kind, out } = sample(interp, at);
          expect(kind).toBe("interpolated");
          const lo = Math.min(values[i]!, values[i + 1]!);
          const hi = Math.max(values[i]!, values[i + 1]!);
          expect(out[0]!).toBeGreaterThanOrEqual(lo - 1e-9);
          expect(out[0]!).toBeLessThanOrEqual(hi + 1e-9);
        },
      ),
      { numRuns: 500 },
    );
  });
});
