import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pushCircleOutOfRect, rayCircleDistance, rayRectDistance, type Rect } from "@arena/shared";

const RECT: Rect = { x: 100, y: 200, w: 80, h: 40 };

function distanceToRect(px: number, py: number, r: Rect): number {
  const dx = Math.max(r.x - px, 0, px - (r.x + r.w));
  const dy = Math.max(r.y - py, 0, py - (r.y + r.h));
  return Math.hypot(dx, dy);
}

describe("pushCircleOutOfRect", () => {
  it("leaves a circle that does not overlap untouched", () => {
    const p = { x: RECT.x - 20, y: RECT.y + 10 };
    expect(pushCircleOutOfRect(p, 16, RECT)).toBe(false);
    expect(p).toEqual({ x: RECT.x - 20, y: RECT.y + 10 });
  });

  it("pushes an overlapping circle out along the face normal", () => {
    const p = { x: RECT.x - 10, y: RECT.y + 10 };
    expect(pushCircleOutOfRect(p, 16, RECT)).toBe(true);
    expect(p.x).toBeCloseTo(RECT.x - 16, 12);
    expect(p.y).toBe(RECT.y + 10);
  });

  it("pushes an overlapping circle away from a corner radially", () => {
    const p = { x: RECT.x - 6, y: RECT.y - 8 };
    expect(pushCircleOutOfRect(p, 16, RECT)).toBe(true);
    expect(Math.hypot(p.x - RECT.x, p.y - RECT.y)).toBeCloseTo(16, 9);
    // Direction from the corner is kept (6:8).
    expect((RECT.x - p.x) / (RECT.y - p.y)).toBeCloseTo(6 / 8, 9);
  });

  it("a centre on the boundary leaves through the nearest edge", () => {
    const onRight = { x: RECT.x + RECT.w, y: RECT.y + 5 };
    expect(pushCircleOutOfRect(onRight, 16, RECT)).toBe(true);
    expect(onRight).toEqual({ x: RECT.x + RECT.w + 16, y: RECT.y + 5 });
    const onTop = { x: RECT.x + 30, y: RECT.y };
    pushCircleOutOfRect(onTop, 16, RECT);
    expect(onTop).toEqual({ x: RECT.x + 30, y: RECT.y - 16 });
  });

  it("property: a centre outside the rect ends at least one radius away", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 100, max: 350, noNaN: true }),
        fc.double({ min: 1, max: 30, noNaN: true }),
        (x, y, radius) => {
          fc.pre(distanceToRect(x, y, RECT) > 0);
          const p = { x, y };
          const moved = pushCircleOutOfRect(p, radius, RECT);
          expect(moved).toBe(distanceToRect(x, y, RECT) < radius);
          expect(distanceToRect(p.x, p.y, RECT)).toBeGreaterThanOrEqual(radius - 1e-9);
        },
      ),
    );
  });
});

describe("rayRectDistance", () => {
  it("measures the distance to the near face", () => {
    expect(rayRectDistance(0, RECT.y + 10, 1, 0, RECT)).toBe(RECT.x);
    expect(rayRectDistance(RECT.x + 10, 0, 0, 1, RECT)).toBe(RECT.y);
  });

  it("is Infinity when pointing away or passing by, 0 from inside", () => {
    expect(rayRectDistance(0, RECT.y + 10, -1, 0, RECT)).toBe(Infinity);
    expect(rayRectDistance(0, 0, 1, 0, RECT)).toBe(Infinity);
    expect(rayRectDistance(RECT.x + 1, RECT.y + 1, 1, 0, RECT)).toBe(0);
  });

  it("property: a finite hit lies on the rect's boundary", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: 500, noNaN: true }),
        fc.double({ min: -200, max: 500, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        (ox, oy, a) => {
          fc.pre(distanceToRect(ox, oy, RECT) > 0);
          const dx = Math.cos(a);
          const dy = Math.sin(a);
          const t = rayRectDistance(ox, oy, dx, dy, RECT);
          if (t === Infinity) return;
          expect(t).toBeGreaterThan(0);
          expect(distanceToRect(ox + dx * t, oy + dy * t, RECT)).toBeLessThan(1e-6);
          // Nothing of the rect is met before t: a point a bit earlier on the ray is outside.
          expect(distanceToRect(ox + dx * t * 0.999, oy + dy * t * 0.999, RECT)).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe("rayCircleDistance", () => {
  it("measures the distance to the circle's edge", () => {
    expect(rayCircleDistance(0, 0, 1, 0, 100, 0, 10)).toBeCloseTo(90, 12);
  });

  it("is 0 from inside, Infinity when behind or missing", () => {
    expect(rayCircleDistance(100, 0, 1, 0, 100, 0, 10)).toBe(0);
    expect(rayCircleDistance(0, 0, -1, 0, 100, 0, 10)).toBe(Infinity);
    expect(rayCircleDistance(0, 0, 1, 0, 100, 11, 10)).toBe(Infinity);
  });

  it("property: a finite hit from outside lies on the circle", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        (ox, oy, a, radius) => {
          fc.pre(Math.hypot(ox, oy) > radius);
          const dx = Math.cos(a);
          const dy = Math.sin(a);
          const t = rayCircleDistance(ox, oy, dx, dy, 0, 0, radius);
          if (t === Infinity) {
            // Missing means the closest approach of the forward ray stays outside the circle.
            const along = Math.max(0, -(ox * dx + oy * dy));
            expect(Math.hypot(ox + dx * along, oy + dy * along)).toBeGreaterThanOrEqual(radius - 1e-9);
            return;
          }
          expect(t).toBeGreaterThanOrEqual(0);
          expect(Math.hypot(ox + dx * t, oy + dy * t)).toBeCloseTo(radius, 6);
        },
      ),
    );
  });
});
