import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashSeed, nextRandom } from "@arena/shared";

describe("nextRandom", () => {
  it("property: the same seed gives the same sequence, values in [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (seed) => {
        let a = seed;
        let b = seed;
        for (let i = 0; i < 20; i++) {
          const ra = nextRandom(a);
          const rb = nextRandom(b);
          expect(ra).toEqual(rb);
          expect(ra.value).toBeGreaterThanOrEqual(0);
          expect(ra.value).toBeLessThan(1);
          a = ra.state;
          b = rb.state;
        }
      }),
    );
  });

  it("spreads values roughly evenly", () => {
    const buckets = new Array<number>(10).fill(0);
    let state = 12345;
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const r = nextRandom(state);
      state = r.state;
      buckets[Math.floor(r.value * 10)]!++;
    }
    for (const count of buckets) {
      expect(count).toBeGreaterThan(n / 10 * 0.85);
      expect(count).toBeLessThan(n / 10 * 1.15);
    }
  });
});

describe("hashSeed", () => {
  it("is deterministic, unsigned 32-bit, and order-sensitive", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (a, b) => {
        const h = hashSeed(a, b);
        expect(hashSeed(a, b)).toBe(h);
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(0xffffffff);
      }),
    );
    expect(hashSeed(1, 2)).not.toBe(hashSeed(2, 1));
    expect(hashSeed(1)).not.toBe(hashSeed(2));
  });
});
