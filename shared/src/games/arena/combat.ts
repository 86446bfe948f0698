import { rayCircleDistance, rayRectDistance } from "../../sim/geometry.js";
import type { ArenaMap } from "./map.js";
import { MAX_HEALTH, PLAYER_RADIUS_PX, SHOT_DAMAGE, SHOT_RANGE_PX, SPAWN_PROTECTION_TICKS } from "./constants.js";

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

/**
 * Spawn protection (see SPAWN_PROTECTION_TICKS). A player spawned at `spawnTick` is protected
 * until the returned tick (exclusive); `protectionAfterTick` ends it early when it fires. Pure: the room keeps
 * the tick per player and asks `isSpawnProtected` and `healthAfterShot`.
 */
export function spawnProtectionUntil(spawnTick: number): number {
  return spawnTick + SPAWN_PROTECTION_TICKS;
}

/** Whether a player protected until `untilTick` (0: not protected) is protected at `tick`. */
export function isSpawnProtected(untilTick: number, tick: number): boolean {
  return tick < untilTick;
}

/** Protection left after a tick in which the player did (`fired`) or did not fire: firing gives it up. */
export function protectionAfterTick(untilTick: number, fired: boolean): number {
  return fired ? 0 : untilTick;
}

/** Health after a shot hits a player protected until `untilTick`, at `tick`: unchanged while protected. */
export function healthAfterShot(health: number, untilTick: number, tick: number): number {
  return isSpawnProtected(untilTick, tick) ? health : healthAfterHit(health);
}
