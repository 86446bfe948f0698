import type { Point } from "../geometry.js";
import type { ArenaMap } from "./map.js";

/**
 * The spawn point farthest from every living player (ties: lowest index).
 * Pure and deterministic, so a respawn never lands on someone.
 */
export function pickSpawnPoint(map: ArenaMap, occupied: Iterable<Readonly<Point>>): Readonly<Point> {
  const others = [...occupied];
  let best = map.spawnPoints[0]!;
  let bestScore = -1;
  for (const sp of map.spawnPoints) {
    let nearest = Infinity;
    for (const o of others) nearest = Math.min(nearest, (o.x - sp.x) ** 2 + (o.y - sp.y) ** 2);
    if (nearest > bestScore) {
      bestScore = nearest;
      best = sp;
    }
  }
  return best;
}
