import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TICK_SEC } from "@arena/shared";
import {
  TAG_DASH_COOLDOWN_TICKS, TAG_MAP, TAG_MAX_SPEED_PX_PER_SEC, TAG_RADIUS_PX, stepTagMovement, type TagBody,
  type TagIntent,
} from "@arena/shared/games/tag";

const intentArb = fc.record({
  moveX: fc.double({ min: -1, max: 1, noNaN: true }),
  moveY: fc.double({ min: -1, max: 1, noNaN: true }),
  dash: fc.boolean(),
});
const spawnArb = fc.constantFrom(...TAG_MAP.spawnPoints);

function runner(at: { x: number; y: number }): TagBody {
  return { x: at.x, y: at.y, vx: 0, vy: 0, dashCooldown: 0, it: false };
}

function run(body: TagBody, inputs: readonly TagIntent[]): TagBody {
  for (const input of inputs) stepTagMovement(body, input, TICK_SEC, TAG_MAP);
  return body;
}

function distanceToRect(x: number, y: number, r: { x: number; y: number; w: number; h: number }): number {
  const cx = Math.max(r.x, Math.min(x, r.x + r.w));
  const cy = Math.max(r.y, Math.min(y, r.y + r.h));
  return Math.hypot(x - cx, y - cy);
}

describe("stepTagMovement", () => {
  it("is deterministic and every field stays exact in float32 (property)", () => {
    fc.assert(fc.property(spawnArb, fc.array(intentArb, { maxLength: 300 }), (spawn, inputs) => {
      const a = run(runner(spawn), inputs);
      const b = run(runner(spawn), inputs);
      expect(b).toEqual(a);
      for (const v of [a.x, a.y, a.vx, a.vy]) expect(Math.fround(v)).toBe(v);
    }), { numRuns: 200 });
  });

  it("replaying from a mid-run snapshot gives the same end (what reconciliation relies on)", () => {
    fc.assert(fc.property(spawnArb, fc.array(intentArb, { minLength: 2, maxLength: 200 }), fc.nat(), (spawn, inputs, cut) => {
      const k = cut % inputs.length;
      const straight = run(runner(spawn), inputs);
      const mid = run(runner(spawn), inputs.slice(0, k));
      // What the schema's float32 fields carry: a float32 copy, sign of zero included (JSON would
      // turn -0 into 0, which the wire does not, and the replay would then end on vx 0 instead of -0).
      const wire: TagBody = { ...mid, x: Math.fround(mid.x), y: Math.fround(mid.y), vx: Math.fround(mid.vx), vy: Math.fround(mid.vy) };
      expect(run(wire, inputs.slice(k))).toEqual(straight);
    }), { numRuns: 200 });
  });

  it("never enters a pillar or leaves the field, dashing included (property)", () => {
    fc.assert(fc.property(spawnArb, fc.array(intentArb, { maxLength: 300 }), (spawn, inputs) => {
      const body = runner(spawn);
      for (const input of inputs) {
        stepTagMovement(body, input, TICK_SEC, TAG_MAP);
        for (const wall of TAG_MAP.walls) expect(distanceToRect(body.x, body.y, wall)).toBeGreaterThanOrEqual(TAG_RADIUS_PX - 1);
        expect(body.x).toBeGreaterThanOrEqual(TAG_RADIUS_PX);
        expect(body.x).toBeLessThanOrEqual(TAG_MAP.widthPx - TAG_RADIUS_PX);
        expect(body.y).toBeGreaterThanOrEqual(TAG_RADIUS_PX);
        expect(body.y).toBeLessThanOrEqual(TAG_MAP.heightPx - TAG_RADIUS_PX);
      }
    }), { numRuns: 150 });
  });

  it("accelerates to the speed cap and no further; dash is gated by its cooldown", () => {
    const body = run(runner({ x: 100, y: 100 }), Array.from({ length: 120 }, () => ({ moveX: 1, moveY: 0, dash: false })));
    expect(Math.hypot(body.vx, body.vy)).toBeLessThanOrEqual(TAG_MAX_SPEED_PX_PER_SEC + 1 / 16);
    expect(Math.hypot(body.vx, body.vy)).toBeGreaterThan(TAG_MAX_SPEED_PX_PER_SEC * 0.9);
    const dasher = runner({ x: 100, y: 400 });
    stepTagMovement(dasher, { moveX: 1, moveY: 0, dash: true }, TICK_SEC, TAG_MAP);
    expect(dasher.dashCooldown).toBe(TAG_DASH_COOLDOWN_TICKS);
    const fast = dasher.vx;
    expect(fast).toBeGreaterThan(TAG_MAX_SPEED_PX_PER_SEC);
    stepTagMovement(dasher, { moveX: 1, moveY: 0, dash: true }, TICK_SEC, TAG_MAP);
    expect(dasher.dashCooldown).toBe(TAG_DASH_COOLDOWN_TICKS - 1);
    expect(dasher.vx).toBeLessThan(fast);
  });
});
