import type { FieldMap, Point } from "@arena/shared";
import { ARENA_MAP, PLAYER_RADIUS_PX } from "@arena/shared/games/arena";

/** What a scripted mover does in one tick: the input fields every room here understands. */
export interface MoverIntent {
  moveX: number;
  moveY: number;
  /** Radians in (-π, π]. */
  aim: number;
}

/**
 * Mover `i` at tick `tick`: walks at full speed along a heading that turns steadily (0.6 to
 * 1.5 rad/s, alternating direction), so it never stops, and aims around its heading the way a
 * player swings the mouse. Deterministic, so every room in a comparison moves the same way.
 */
export function moverIntent(i: number, tick: number, out: MoverIntent): MoverIntent {
  const turnRadPerSec = (0.6 + (i % 7) * 0.15) * (i % 2 === 0 ? 1 : -1);
  const heading = i * 2.399 + (turnRadPerSec * tick) / 60;
  out.moveX = Math.cos(heading);
  out.moveY = Math.sin(heading);
  const aim = heading + 0.8 * Math.sin(tick * 0.05 + i);
  out.aim = Math.atan2(Math.sin(aim), Math.cos(aim));
  return out;
}

/** A map of `widthPx` x `heightPx` with only a border frame (an open field for interest tests). */
export function openField(widthPx: number, heightPx: number): FieldMap {
  const b = 64;
  return {
    widthPx,
    heightPx,
    walls: [
      { x: -b, y: -b, w: widthPx + 2 * b, h: b },
      { x: -b, y: heightPx, w: widthPx + 2 * b, h: b },
      { x: -b, y: 0, w: b, h: heightPx },
      { x: widthPx, y: 0, w: b, h: heightPx },
    ],
    spawnPoints: [{ x: widthPx / 2, y: heightPx / 2 }],
  };
}

/**
 * Start position of mover `i` of `count`: spread over a grid of free spots (no wall within a
 * radius), the same for every room on the same map. Positions are whole px (on the sim grid).
 */
export function moverStart(i: number, count: number, map: FieldMap = ARENA_MAP): Point {
  const spots = freeSpots(map, count);
  return { ...spots[i % spots.length]! };
}

const spotCache = new Map<string, Point[]>();

function freeSpots(map: FieldMap, count: number): Point[] {
  const key = `${map.widthPx}x${map.heightPx}x${map.walls.length}x${count}`;
  const cached = spotCache.get(key);
  if (cached) return cached;
  const margin = PLAYER_RADIUS_PX * 2;
  const free = (x: number, y: number) => map.walls.every((w) =>
    x < w.x - margin || x > w.x + w.w + margin || y < w.y - margin || y > w.y + w.h + margin);
  // A grid fine enough to hold `count` free spots, walked in a scattered order.
  for (let step = 200; step >= 20; step -= 10) {
    const spots: Point[] = [];
    for (let y = step / 2; y < map.heightPx; y += step) {
      for (let x = step / 2; x < map.widthPx; x += step) if (free(x, y)) spots.push({ x: Math.round(x), y: Math.round(y) });
    }
    if (spots.length >= count) {
      const scattered = spots.map((p, k) => ({ p, k: (k * 2654435761) % 4294967296 })).sort((a, b) => a.k - b.k).map((e) => e.p);
      spotCache.set(key, scattered);
      return scattered;
    }
  }
  throw new Error(`no room for ${count} movers on a ${map.widthPx}x${map.heightPx} map`);
}
