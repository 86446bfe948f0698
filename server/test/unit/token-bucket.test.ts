import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TokenBucket } from "../../src/framework/index.js";

function fakeClock() {
  const clock = { ms: 1000 };
  return { clock, now: () => clock.ms };
}

describe("TokenBucket", () => {
  it("starts full: admits a burst of `capacity`, then refuses", () => {
    const { now } = fakeClock();
    const b = new TokenBucket(5, 10, now);
    for (let i = 0; i < 5; i++) expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    expect(b.take()).toBe(false);
  });

  it("refills at refillPerSec", () => {
    const { clock, now } = fakeClock();
    const b = new TokenBucket(5, 10, now);
    for (let i = 0; i < 5; i++) b.take();
    clock.ms += 99;
    expect(b.take()).toBe(false);
    clock.ms += 1; // 100 ms at 10/s: one token
    expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
    clock.ms += 300;
    for (let i = 0; i < 3; i++) expect(b.take()).toBe(true);
    expect(b.take()).toBe(false);
  });

  it("never holds more than capacity, however long it idles", () => {
    const { clock, now } = fakeClock();
    const b = new TokenBucket(4, 100, now);
    clock.ms += 3_600_000;
    let taken = 0;
    while (b.take()) taken++;
    expect(taken).toBe(4);
  });

  it("a refused take takes nothing; costs above 1 work", () => {
    const { clock, now } = fakeClock();
    const b = new TokenBucket(5, 1, now);
    expect(b.take(3)).toBe(true);
    expect(b.take(3)).toBe(false);
    expect(b.take(2)).toBe(true);
    expect(b.take(1)).toBe(false);
    clock.ms += 2000;
    expect(b.take(2)).toBe(true);
  });

  it("property: what is admitted over time never exceeds capacity + rate * elapsed", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 500, size: "max" }),
        (capacity, perSec, gaps) => {
          const { clock, now } = fakeClock();
          const start = clock.ms;
          const b = new TokenBucket(capacity, perSec, now);
          let admitted = 0;
          for (const gap of gaps) {
            clock.ms += gap;
            if (b.take()) admitted++;
            const elapsedSec = (clock.ms - start) / 1000;
            expect(admitted).toBeLessThanOrEqual(capacity + perSec * elapsedSec + 1e-9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("property: a client sending slower than the rate is never refused", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 300 }), (perSec, n) => {
        const { clock, now } = fakeClock();
        const b = new TokenBucket(1, perSec, now);
        const gapMs = Math.ceil(1000 / perSec);
        for (let i = 0; i < n; i++) {
          expect(b.take()).toBe(true);
          clock.ms += gapMs;
        }
      }),
    );
  });
});
