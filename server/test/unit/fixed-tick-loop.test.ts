import { afterEach, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { FixedTickLoop } from "../../src/framework/index.js";

const TICK_HZ = 60;
const TICK_MS = 1000 / TICK_HZ;
const MAX_CATCH_UP = 5;

/** A loop on a fake monotonic clock that only moves when the test says so. */
function fakeLoop(maxCatchUpSteps = MAX_CATCH_UP) {
  const clock = { ms: 0 };
  let stepCalls = 0;
  const loop = new FixedTickLoop({
    tickMs: TICK_MS,
    maxCatchUpSteps,
    now: () => clock.ms,
    onStep: () => {
      stepCalls++;
    },
  });
  return { clock, loop, stepCalls: () => stepCalls };
}

/** Whole ticks contained in an integer number of ms, computed in integers. */
function ticksIn(elapsedMs: number): number {
  return Math.floor((elapsedMs * TICK_HZ) / 1000);
}

describe("FixedTickLoop", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs exactly 120 steps over 2 simulated seconds at 60 Hz (1 ms wake-ups)", () => {
    const { clock, loop, stepCalls } = fakeLoop();
    for (let t = 1; t <= 2000; t++) {
      clock.ms = t;
      loop.advance();
    }
    expect(loop.steps).toBe(2 * TICK_HZ);
    expect(stepCalls()).toBe(loop.steps);
    expect(loop.droppedMs).toBe(0);
  });

  it("runs exactly 120 steps over 2 simulated seconds when woken on tick boundaries", () => {
    const { clock, loop } = fakeLoop();
    let ran = 0;
    for (let i = 1; i <= 120; i++) {
      clock.ms = (i * 1000) / TICK_HZ;
      const n = loop.advance();
      // One wake per tick: one step each, never a double step or a skipped one.
      expect(n).toBe(1);
      ran += n;
    }
    expect(ran).toBe(120);
    expect(loop.steps).toBe(120);
  });

  it("runs nothing when no time has passed, and ignores a clock going backwards", () => {
    const { clock, loop } = fakeLoop();
    clock.ms = 10;
    expect(loop.advance()).toBe(0);
    expect(loop.advance()).toBe(0);
    clock.ms = 5;
    expect(loop.advance()).toBe(0);
    expect(loop.steps).toBe(0);
  });

  it("a 200 ms stall runs at most maxCatchUpSteps, drops the rest, then returns to one step per tick", () => {
    const { clock, loop } = fakeLoop();
    // Warm up: a second of normal ticks.
    for (let i = 1; i <= 60; i++) {
      clock.ms = (i * 1000) / TICK_HZ;
      loop.advance();
    }
    const stepsBefore = loop.steps;
    const pendingBefore = loop.pendingMs;

    const stallMs = 200;
    clock.ms += stallMs;
    const ranInStall = loop.advance();
    expect(ranInStall).toBeLessThanOrEqual(MAX_CATCH_UP);
    expect(ranInStall).toBeGreaterThan(0);
    expect(loop.steps - stepsBefore).toBe(ranInStall);
    // Everything beyond the cap's worth of backlog was dropped and counted.
    expect(loop.droppedMs).toBeCloseTo(pendingBefore + stallMs - MAX_CATCH_UP * TICK_MS, 6);
    expect(loop.droppedMs + (loop.steps - stepsBefore) * TICK_MS + loop.pendingMs).toBeCloseTo(pendingBefore + stallMs, 6);

    // Afterwards: exactly one step per tick of elapsed time, no leftover burst.
    const droppedAfterStall = loop.droppedMs;
    for (let i = 0; i < 60; i++) {
      clock.ms += TICK_MS;
      expect(loop.advance(), `normal tick ${i} after the stall`).toBe(1);
    }
    expect(loop.droppedMs).toBe(droppedAfterStall);
  });

  it("the cap follows maxCatchUpSteps", () => {
    for (const cap of [1, 2, 3, 8]) {
      const { clock, loop } = fakeLoop(cap);
      clock.ms = 10_000;
      const ran = loop.advance();
      expect(ran).toBeLessThanOrEqual(cap);
      expect(ran).toBeGreaterThanOrEqual(cap - 1);
      expect(loop.droppedMs).toBeGreaterThanOrEqual(10_000 - cap * TICK_MS - 1e-6);
    }
  });

  it("property: with irregular wake-ups (3..25 ms) the average rate holds and nothing is dropped", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 3, max: 25 }), { minLength: 1, maxLength: 1000, size: "max" }), (gaps) => {
        const { clock, loop, stepCalls } = fakeLoop();
        let elapsedMs = 0;
        for (const gap of gaps) {
          elapsedMs += gap;
          clock.ms = elapsedMs;
          const ran = loop.advance();
          // A 25 ms gap is at most 2 ticks late; the cap is never reached.
          expect(ran).toBeLessThanOrEqual(Math.ceil(gap / TICK_MS));
          expect(loop.steps).toBe(ticksIn(elapsedMs));
        }
        expect(stepCalls()).toBe(ticksIn(elapsedMs));
        expect(loop.droppedMs).toBe(0);
        expect(loop.pendingMs).toBeGreaterThanOrEqual(-1e-6);
        expect(loop.pendingMs).toBeLessThan(TICK_MS);
      }),
      { numRuns: 200 },
    );
  });

  it("property: time is conserved (steps + dropped + pending = elapsed) with arbitrary gaps, stalls included", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 300, size: "max" }), (gaps) => {
        const { clock, loop } = fakeLoop();
        let elapsedMs = 0;
        for (const gap of gaps) {
          elapsedMs += gap;
          clock.ms = elapsedMs;
          expect(loop.advance()).toBeLessThanOrEqual(MAX_CATCH_UP);
        }
        expect(loop.steps * TICK_MS + loop.droppedMs + loop.pendingMs).toBeCloseTo(elapsedMs, 6);
      }),
      { numRuns: 200 },
    );
  });

  it("start() wakes on timers and stop() halts it (fake timers and fake clock)", () => {
    vi.useFakeTimers();
    let steps = 0;
    const loop = new FixedTickLoop({
      tickMs: TICK_MS,
      maxCatchUpSteps: MAX_CATCH_UP,
      now: () => Date.now(),
      onStep: () => {
        steps++;
      },
    });
    loop.start();
    vi.advanceTimersByTime(1000);
    // Timers only wake it; the clock decides. At most one tick is still waiting for its wake-up.
    expect(steps).toBeGreaterThanOrEqual(TICK_HZ - 1);
    expect(steps).toBeLessThanOrEqual(TICK_HZ);
    expect(loop.steps).toBe(steps);
    loop.stop();
    const stopped = steps;
    vi.advanceTimersByTime(1000);
    expect(steps).toBe(stopped);
  });
});
