import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { rayCircleDistance } from "@arena/shared";
import {
  ARENA_MAP, MAX_HEALTH, PLAYER_RADIUS_PX, SHOT_DAMAGE, SHOT_RANGE_PX, healthAfterHit, traceShot, wallDistance,
  type ArenaMap, type ShotTarget,
} from "@arena/shared/games/arena";

/** y=400 is an open horizontal lane from x=0 to the right border. */
const LANE_Y = 400;
/** A map with no walls at all, to test targets and range in isolation. */
const EMPTY_MAP: ArenaMap = { ...ARENA_MAP, walls: [] };

describe("traceShot", () => {
  it("hits the nearest target on the ray, whatever the iteration order", () => {
    const near: ShotTarget = { id: "near", x: 250, y: LANE_Y };
    const far: ShotTarget = { id: "far", x: 500, y: LANE_Y + 5 };
    for (const targets of [[near, far], [far, near]]) {
      const r = traceShot(100, LANE_Y, 0, "me", targets, ARENA_MAP);
      expect(r.hitId).toBe("near");
      // The shot ends where the ray enters the near target's circle.
      expect(r.endX).toBeCloseTo(near.x - PLAYER_RADIUS_PX, 9);
      expect(r.endY).toBeCloseTo(LANE_Y, 9);
    }
  });

  it("ignores targets the ray misses or that are behind the shooter", () => {
    const targets: ShotTarget[] = [
      { id: "behind", x: 50, y: LANE_Y },
      { id: "offline", x: 300, y: LANE_Y + PLAYER_RADIUS_PX + 1 },
      { id: "hit", x: 600, y: LANE_Y + PLAYER_RADIUS_PX - 1 },
    ];
    expect(traceShot(100, LANE_Y, 0, "me", targets, ARENA_MAP).hitId).toBe("hit");
  });

  it("walls block shots: a target behind a wall is not hit, the shot ends at the wall", () => {
    // Wall { x: 200, y: 500, w: 40, h: 200 } stands between x=100 and x=400 at y=600.
    const r = traceShot(100, 600, 0, "me", [{ id: "hidden", x: 400, y: 600 }], ARENA_MAP);
    expect(r.hitId).toBeNull();
    expect(r.endX).toBeCloseTo(200, 9);
    expect(r.endY).toBeCloseTo(600, 9);
  });

  it("a target in front of a wall is hit", () => {
    const r = traceShot(100, 600, 0, "me", [{ id: "front", x: 160, y: 600 }, { id: "hidden", x: 400, y: 600 }], ARENA_MAP);
    expect(r.hitId).toBe("front");
  });

  it("excludes the shooter even when the ray starts inside its own circle", () => {
    const shooter: ShotTarget = { id: "me", x: 100, y: LANE_Y };
    expect(traceShot(100, LANE_Y, 0, "me", [shooter], ARENA_MAP).hitId).toBeNull();
    const other: ShotTarget = { id: "other", x: 400, y: LANE_Y };
    expect(traceShot(100, LANE_Y, 0, "me", [shooter, other], ARENA_MAP).hitId).toBe("other");
    // The same origin with a different shooter id does hit the body it starts in.
    expect(traceShot(100, LANE_Y, 0, "someone-else", [shooter, other], ARENA_MAP).hitId).toBe("me");
  });

  it("range is capped at SHOT_RANGE_PX", () => {
    const ox = 20;
    const outOfRange: ShotTarget = { id: "far", x: ox + SHOT_RANGE_PX + PLAYER_RADIUS_PX + 1, y: LANE_Y };
    const miss = traceShot(ox, LANE_Y, 0, "me", [outOfRange], ARENA_MAP);
    expect(miss.hitId).toBeNull();
    expect(Math.hypot(miss.endX - ox, miss.endY - LANE_Y)).toBeCloseTo(SHOT_RANGE_PX, 9);

    const justInRange: ShotTarget = { id: "edge", x: ox + SHOT_RANGE_PX + PLAYER_RADIUS_PX - 1, y: LANE_Y };
    expect(traceShot(ox, LANE_Y, 0, "me", [justInRange], ARENA_MAP).hitId).toBe("edge");
  });

  it("wallDistance is never more than SHOT_RANGE_PX", () => {
    fc.assert(
      fc.property(fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (aim) => {
        const d = wallDistance(800, 400, aim, EMPTY_MAP);
        expect(d).toBe(SHOT_RANGE_PX);
        expect(wallDistance(800, 400, aim, ARENA_MAP)).toBeLessThanOrEqual(SHOT_RANGE_PX);
      }),
    );
  });

  const coordX = fc.double({ min: PLAYER_RADIUS_PX, max: ARENA_MAP.widthPx - PLAYER_RADIUS_PX, noNaN: true });
  const coordY = fc.double({ min: PLAYER_RADIUS_PX, max: ARENA_MAP.heightPx - PLAYER_RADIUS_PX, noNaN: true });
  const aimRad = fc.double({ min: -2 * Math.PI, max: 2 * Math.PI, noNaN: true });
  const targetsArb = fc.uniqueArray(
    fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), x: coordX, y: coordY }),
    { maxLength: 16, selector: (t) => t.id },
  );

  it("property: a shot is deterministic (same arguments, bit-identical result)", () => {
    fc.assert(
      fc.property(coordX, coordY, aimRad, targetsArb, (ox, oy, aim, targets) => {
        const a = traceShot(ox, oy, aim, "shooter", targets, ARENA_MAP);
        const b = traceShot(ox, oy, aim, "shooter", targets.map((t) => ({ ...t })), ARENA_MAP);
        expect(a.hitId).toBe(b.hitId);
        expect(Object.is(a.endX, b.endX)).toBe(true);
        expect(Object.is(a.endY, b.endY)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("property: the result is the nearest non-shooter target before the wall/range limit", () => {
    fc.assert(
      fc.property(coordX, coordY, aimRad, targetsArb, fc.nat(), (ox, oy, aim, targets, pick) => {
        const shooterId = targets.length > 0 ? targets[pick % targets.length]!.id : "nobody";
        const r = traceShot(ox, oy, aim, shooterId, targets, ARENA_MAP);
        const endDist = Math.hypot(r.endX - ox, r.endY - oy);
        const limit = wallDistance(ox, oy, aim, ARENA_MAP);
        expect(endDist).toBeLessThanOrEqual(limit + 1e-6);
        expect(r.hitId).not.toBe(shooterId);
        const dx = Math.cos(aim);
        const dy = Math.sin(aim);
        for (const t of targets) {
          if (t.id === shooterId) continue;
          const d = rayCircleDistance(ox, oy, dx, dy, t.x, t.y, PLAYER_RADIUS_PX);
          // No other target is crossed before the shot ends.
          expect(d).toBeGreaterThanOrEqual(endDist - 1e-6);
        }
        if (r.hitId !== null) {
          const hit = targets.find((t) => t.id === r.hitId)!;
          // The end point lies on (or, when starting inside, within) the hit target's circle.
          expect(Math.hypot(r.endX - hit.x, r.endY - hit.y)).toBeLessThanOrEqual(PLAYER_RADIUS_PX + 1e-6);
        } else {
          expect(endDist).toBeCloseTo(limit, 6);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("healthAfterHit", () => {
  it("takes SHOT_DAMAGE off full health", () => {
    expect(healthAfterHit(MAX_HEALTH)).toBe(MAX_HEALTH - SHOT_DAMAGE);
  });

  it("repeated hits reach 0 after ceil(MAX_HEALTH / SHOT_DAMAGE) hits and never go negative", () => {
    let h = MAX_HEALTH;
    let hits = 0;
    while (h > 0) {
      h = healthAfterHit(h);
      hits++;
      expect(hits).toBeLessThanOrEqual(MAX_HEALTH);
    }
    expect(hits).toBe(Math.ceil(MAX_HEALTH / SHOT_DAMAGE));
    expect(healthAfterHit(0)).toBe(0);
  });

  it("property: result in [0, MAX_HEALTH - SHOT_DAMAGE], never above the input, exact loss when affordable", () => {
    fc.assert(
      fc.property(fc.integer({ min: -50, max: 10 * MAX_HEALTH }), (health) => {
        const after = healthAfterHit(health);
        expect(after).toBeGreaterThanOrEqual(0);
        expect(after).toBeLessThanOrEqual(Math.max(0, MAX_HEALTH - SHOT_DAMAGE));
        if (health >= 0) expect(after).toBeLessThanOrEqual(health);
        if (health >= SHOT_DAMAGE && health <= MAX_HEALTH) expect(health - after).toBe(SHOT_DAMAGE);
      }),
    );
  });
});
