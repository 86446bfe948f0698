import { rayCircleDistance, rayRectDistance } from "../geometry.js";
import type { ArenaMap } from "./map.js";
import { MAX_HEALTH, PLAYER_RADIUS_PX, SHOT_DAMAGE, SHOT_RANGE_PX } from "./constants.js";

/** A hittable circle at the position the shooter saw. */
export interface ShotTarget {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface ShotResult {
  /** Id of the target hit, or null when the shot hit a wall or nothing. */
  hitId: string | null;
  endX: number;
  endY: number;
}

/** Distance from (ox, oy) along `aimRad` to the first wall, capped at the shot range. */
export function wallDistance(ox: number, oy: number, aimRad: number, map: ArenaMap): number {
  const dx = Math.cos(aimRad);
  const dy = Math.sin(aimRad);
  let best = SHOT_RANGE_PX;
  for (const wall of map.walls) best = Math.min(best, rayRectDistance(ox, oy, dx, dy, wall));
  return best;
}

/**
 * Hitscan: the nearest target whose circle the ray crosses before any wall.
 * Pure function of its arguments; the shooter is excluded by id.
 */
export function traceShot(
  ox: number, oy: number, aimRad: number, shooterId: string,
  targets: Iterable<ShotTarget>, map: ArenaMap,
): ShotResult {
  const dx = Math.cos(aimRad);
  const dy = Math.sin(aimRad);
  let bestDist = wallDistance(ox, oy, aimRad, map);
  let hitId: string | null = null;
  for (const t of targets) {
    if (t.id === shooterId) continue;
    const d = rayCircleDistance(ox, oy, dx, dy, t.x, t.y, PLAYER_RADIUS_PX);
    if (d < bestDist) {
      bestDist = d;
      hitId = t.id;
    }
  }
  return { hitId, endX: ox + dx * bestDist, endY: oy + dy * bestDist };
}

/** Health after one hit, never below 0. */
export function healthAfterHit(health: number): number {
  return Math.max(0, Math.min(MAX_HEALTH, health) - SHOT_DAMAGE);
}
