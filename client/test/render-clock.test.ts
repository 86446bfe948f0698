import { describe, expect, it } from "vitest";
import { RenderClock } from "../src/net/render-clock.js";

describe("RenderClock", () => {
  it("slews toward its target by at most 10 % of each frame", () => {
    const clock = new RenderClock();
    expect(clock.advance(16, 1000)).toBe(1000);
    // Target 100 ms ahead of where a plain frame would land: 10 % of the frame faster, not the jump.
    expect(clock.advance(16, 1116)).toBeCloseTo(1000 + 16 * 1.1, 9);
  });

  it("stops at its limit, and when already past it stands still rather than going back", () => {
    const clock = new RenderClock();
    clock.advance(0, 1000);
    expect(clock.advance(16, 1016, 1010)).toBe(1010);
    expect(clock.advance(16, 1032, 1010)).toBe(1010);
    // The limit moved back (nothing asks for that, but the clock must still never run backwards).
    expect(clock.advance(16, 1048, 990)).toBe(1010);
    // Data again: it moves on from where it stood.
    expect(clock.advance(16, 1030, 2000)).toBeGreaterThan(1010);
  });

  it("a target far ahead snaps it forward, but only as far as the limit", () => {
    const clock = new RenderClock();
    clock.advance(0, 1000);
    // 600 ms of frames with no data: it waits at the limit while the target runs on.
    for (let i = 0; i < 36; i++) clock.advance(16, 1016 + i * 16, 1100);
    expect(clock.nowMs).toBe(1100);
    expect(clock.advance(16, 1700, 1100)).toBe(1100);
    // A target far behind (a resync-sized change) still snaps back: only a reset or that moves it back.
    expect(clock.advance(16, 500, 1100)).toBe(500);
  });
});
