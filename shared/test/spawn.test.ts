import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TICK_SEC, pickSpawnPoint, type Point, type Rect } from "@arena/shared";
import { ARENA_MAP, PLAYER_RADIUS_PX, stepMovement } from "@arena/shared/games/arena";

function distanceToRect(p: Readonly<Point>, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.w));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.h));
  return Math.hypot(dx, dy);
}

function nearestSq(sp: Readonly<Point>, occupied: readonly Readonly<Point>[]): number {
  let best = Infinity;
  for (const o of occupied) best = Math.min(best, (o.x - sp.x) ** 2 + (o.y - sp.y) ** 2);
  return best;
}

describe("ARENA_MAP spawn points", () => {
  it("has spawn points", () => {
    expect(ARENA_MAP.spawnPoints.length).toBeGreaterThan(1);
  });

  it.each(ARENA_MAP.spawnPoints.map((p, i) => [i, p] as const))("spawn point %i is clear of every wall by PLAYER_RADIUS_PX", (_i, sp) => {
    for (const wall of ARENA_MAP.walls) {
      expect(distanceToRect(sp, wall), JSON.stringify(wall)).toBeGreaterThanOrEqual(PLAYER_RADIUS_PX);
    }
    expect(sp.x).toBeGreaterThanOrEqual(PLAYER_RADIUS_PX);
    expect(sp.x).toBeLessThanOrEqual(ARENA_MAP.widthPx - PLAYER_RADIUS_PX);
    expect(sp.y).toBeGreaterThanOrEqual(PLAYER_RADIUS_PX);
    expect(sp.y).toBeLessThanOrEqual(ARENA_MAP.heightPx - PLAYER_RADIUS_PX);
    // The movement step agrees: standing still there is not pushed anywhere.
    const body = { x: sp.x, y: sp.y };
    stepMovement(body, { moveX: 0, moveY: 0 }, TICK_SEC, ARENA_MAP);
    expect(body).toEqual(sp);
  });

  it("spawn points are far enough apart that two players spawned on them do not overlap", () => {
    const pts = ARENA_MAP.spawnPoints;
    for (let i = 0; i < pts.length; i++) {
      for (let j = i + 1; j < pts.length; j++) {
        expect(Math.hypot(pts[i]!.x - pts[j]!.x, pts[i]!.y - pts[j]!.y)).toBeGreaterThanOrEqual(2 * PLAYER_RADIUS_PX);
      }
    }
  });
});

describe("pickSpawnPoint", () => {
  it("with nobody around picks the first spawn point", () => {
    expect(pickSpawnPoint(ARENA_MAP, [])).toBe(ARENA_MAP.spawnPoints[0]);
  });

  it("never picks an occupied spawn point while a free one exists", () => {
    const occupied = ARENA_MAP.spawnPoints.slice(0, -1).map((p) => ({ ...p }));
    expect(pickSpawnPoint(ARENA_MAP, occupied)).toBe(ARENA_MAP.spawnPoints[ARENA_MAP.spawnPoints.length - 1]);
  });

  it("picks the point opposite a single player", () => {
    const first = ARENA_MAP.spawnPoints[0]!;
    const picked = pickSpawnPoint(ARENA_MAP, [first]);
    const farthest = Math.max(...ARENA_MAP.spawnPoints.map((p) => Math.hypot(p.x - first.x, p.y - first.y)));
    expect(Math.hypot(picked.x - first.x, picked.y - first.y)).toBe(farthest);
  });

  it("property: picks the lowest-index spawn point farthest from every occupied position", () => {
    const pos = fc.record({
      x: fc.double({ min: 0, max: ARENA_MAP.widthPx, noNaN: true }),
      y: fc.double({ min: 0, max: ARENA_MAP.heightPx, noNaN: true }),
    });
    const occupiedArb = fc.array(fc.oneof(pos, fc.constantFrom(...ARENA_MAP.spawnPoints)), { minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(occupiedArb, (occupied) => {
        const picked = pickSpawnPoint(ARENA_MAP, occupied);
        const index = ARENA_MAP.spawnPoints.indexOf(picked);
        expect(index).toBeGreaterThanOrEqual(0);
        const scores = ARENA_MAP.spawnPoints.map((sp) => nearestSq(sp, occupied));
        const best = Math.max(...scores);
        expect(scores[index]).toBe(best);
        expect(index).toBe(scores.indexOf(best));
      }),
      { numRuns: 500 },
    );
  });

  it("is pure: the same occupied set (as any iterable) gives the same point", () => {
    const occupied = [{ x: 800, y: 600 }, { x: 100, y: 100 }];
    const a = pickSpawnPoint(ARENA_MAP, occupied);
    const b = pickSpawnPoint(ARENA_MAP, new Set(occupied));
    expect(b).toBe(a);
    expect(occupied).toEqual([{ x: 800, y: 600 }, { x: 100, y: 100 }]);
  });
});
