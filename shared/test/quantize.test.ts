import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { POSITION_STEPS_PER_PX, decodeAngle8, encodeAngle8, quantizePosition } from "@arena/shared";

const TAU = 2 * Math.PI;

/** Smallest absolute difference between two angles, in radians (0..π). */
function angleDiff(a: number, b: number): number {
  const d = (((a - b) % TAU) + TAU) % TAU;
  return Math.min(d, TAU - d);
}

describe("encodeAngle8 / decodeAngle8", () => {
  it("round trip stays within one step (2π/256); in fact within half a step", () => {
    fc.assert(
      fc.property(fc.double({ min: -4 * Math.PI, max: 4 * Math.PI, noNaN: true }), (a) => {
        const byte = encodeAngle8(a);
        expect(Number.isInteger(byte)).toBe(true);
        expect(byte).toBeGreaterThanOrEqual(0);
        expect(byte).toBeLessThanOrEqual(255);
        const back = decodeAngle8(byte);
        expect(back).toBeGreaterThanOrEqual(0);
        expect(back).toBeLessThan(TAU);
        expect(angleDiff(back, a)).toBeLessThanOrEqual(TAU / 256);
        expect(angleDiff(back, a)).toBeLessThanOrEqual(TAU / 512 + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });

  it("every byte survives decode then encode", () => {
    for (let b = 0; b < 256; b++) expect(encodeAngle8(decodeAngle8(b))).toBe(b);
  });

  it("angles just below a full turn wrap to 0", () => {
    expect(encodeAngle8(TAU - 1e-9)).toBe(0);
    expect(encodeAngle8(-1e-9)).toBe(0);
    expect(encodeAngle8(Math.PI)).toBe(128);
  });
});

describe("quantizePosition", () => {
  const px = fc.double({ min: -(2 ** 19), max: 2 ** 19, noNaN: true });

  it("is idempotent", () => {
    fc.assert(
      fc.property(px, (x) => {
        const q = quantizePosition(x);
        expect(quantizePosition(q)).toBe(q);
      }),
      { numRuns: 1000 },
    );
  });

  it("lands on the grid, within half a step, exact in float32", () => {
    fc.assert(
      fc.property(px, (x) => {
        const q = quantizePosition(x);
        expect(Number.isInteger(q * POSITION_STEPS_PER_PX)).toBe(true);
        expect(Math.abs(q - x)).toBeLessThanOrEqual(0.5 / POSITION_STEPS_PER_PX);
        expect(Math.fround(q)).toBe(q);
      }),
      { numRuns: 1000 },
    );
  });

  it("is monotonic", () => {
    fc.assert(
      fc.property(px, px, (a, b) => {
        if (a <= b) expect(quantizePosition(a)).toBeLessThanOrEqual(quantizePosition(b));
        else expect(quantizePosition(a)).toBeGreaterThanOrEqual(quantizePosition(b));
      }),
    );
  });
});
