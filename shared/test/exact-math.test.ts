import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rootOfWholeDegree, wholePower, wholeTickHz } from "@arena/shared";
import { TAG_FRICTION_KEEP_PER_SEC, tagFrictionKeepPerTick } from "@arena/shared/games/tag";

describe("exact math for predicted steps", () => {
  it("wholePower multiplies: exact for small cases, 1 at n = 0", () => {
    expect(wholePower(3, 0)).toBe(1);
    expect(wholePower(3, 5)).toBe(243);
    expect(wholePower(0.5, 10)).toBe(1 / 1024);
  });

  it("rootOfWholeDegree is within a few ulps of the true root at every whole rate 1..1000", () => {
    for (let n = 1; n <= 1000; n++) {
      const k = rootOfWholeDegree(TAG_FRICTION_KEEP_PER_SEC, n);
      // Math.pow is fine in a test: it is only the reference the exact bisection is compared with.
      const reference = Math.pow(TAG_FRICTION_KEEP_PER_SEC, 1 / n);
      expect(Math.abs(k - reference)).toBeLessThanOrEqual(8 * Number.EPSILON);
    }
  });

  it("rootOfWholeDegree inverts wholePower for any value in (0, 1]", () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), fc.integer({ min: 1, max: 1000 }), (value, n) => {
      const k = rootOfWholeDegree(value, n);
      expect(Math.abs(wholePower(k, n) - value)).toBeLessThanOrEqual(value * n * 4 * Number.EPSILON);
    }));
  });

  it("tag's friction per tick at 60 Hz keeps the old Math.pow value to within 2 ulps, and is cached per rate", () => {
    const keep60 = tagFrictionKeepPerTick(1 / 60);
    expect(Math.abs(keep60 - Math.pow(TAG_FRICTION_KEEP_PER_SEC, 1 / 60))).toBeLessThanOrEqual(2 * Number.EPSILON);
    expect(tagFrictionKeepPerTick(1 / 60)).toBe(keep60);
    expect(tagFrictionKeepPerTick(1 / 30)).toBe(rootOfWholeDegree(TAG_FRICTION_KEEP_PER_SEC, 30));
  });

  it("a dtSec that is not 1 / a whole rate is refused, not silently rounded", () => {
    expect(wholeTickHz(1 / 60)).toBe(60);
    expect(wholeTickHz(1 / 7)).toBe(7);
    expect(() => wholeTickHz(0.3)).toThrow(RangeError);
    expect(() => tagFrictionKeepPerTick(0.3)).toThrow(RangeError);
    expect(() => rootOfWholeDegree(2, 3)).toThrow(RangeError);
  });
});
