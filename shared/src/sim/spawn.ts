import type { FieldMap, Point } from "./geometry.js";

/**
 * The spawn point of `map` farthest from every occupied point, e.g. the living players (ties:
 * lowest index). Any game with a FieldMap may use it.
 * Pure and deterministic, so a respawn never lands on someone.
 */
export function pickSpawnPoint(map: FieldMap, occupied: Iterable<Readonly<Point>>): Readonly<Point> {
  const others = [...occupied];
  let best = map.spawnPoints[0]!;
  let bestScore = -1;
  for (const sp of map.spawnPoints) {
    let nearest = Infinity;
    for (const o of others) {
      const dx = o.x - sp.x;
      const dy = o.y - sp.y;
      nearest = Math.min(nearest, dx * dx + dy * dy);
    }
    if (nearest > bestScore) {
      bestScore = nearest;
      best = sp;
    }
  }
  return best;
}
