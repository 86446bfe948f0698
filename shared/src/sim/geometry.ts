/** Axis-aligned rectangle in px: top-left corner plus size. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A playing field in px: floor size, blocking walls and spawn points. */
export interface FieldMap {
  readonly widthPx: number;
  readonly heightPx: number;
  readonly walls: readonly Rect[];
  readonly spawnPoints: readonly Readonly<Point>[];
}

/**
 * Push a circle out of a rectangle it overlaps. Mutates `p`. Returns true when it moved.
 * Assumes the centre is outside the rectangle (the movement step guarantees it by sub-stepping).
 */
export function pushCircleOutOfRect(p: Point, radius: number, r: Rect): boolean {
  const cx = Math.max(r.x, Math.min(p.x, r.x + r.w));
  const cy = Math.max(r.y, Math.min(p.y, r.y + r.h));
  const dx = p.x - cx;
  const dy = p.y - cy;
  const d2 = dx * dx + dy * dy;
  if (d2 >= radius * radius) return false;
  if (d2 === 0) {
    // Centre exactly on the boundary or inside: leave through the nearest edge.
    const left = p.x - r.x, right = r.x + r.w - p.x, top = p.y - r.y, bottom = r.y + r.h - p.y;
    const m = Math.min(left, right, top, bottom);
    if (m === left) p.x = r.x - radius;
    else if (m === right) p.x = r.x + r.w + radius;
    else if (m === top) p.y = r.y - radius;
    else p.y = r.y + r.h + radius;
    return true;
  }
  const d = Math.sqrt(d2);
  const push = radius - d;
  p.x += (dx / d) * push;
  p.y += (dy / d) * push;
  return true;
}

/**
 * Distance along a ray (origin, unit direction) to a rectangle, or Infinity.
 * Slab method; a ray starting inside the rectangle hits at 0. Allocates nothing (runs per wall per shot).
 */
export function rayRectDistance(ox: number, oy: number, dx: number, dy: number, r: Rect): number {
  const tMin = Math.max(0, slabEntry(ox, dx, r.x, r.x + r.w), slabEntry(oy, dy, r.y, r.y + r.h));
  const tMax = Math.min(slabExit(ox, dx, r.x, r.x + r.w), slabExit(oy, dy, r.y, r.y + r.h));
  return tMin > tMax ? Infinity : tMin;
}

/** Where a ray along one axis enters the slab [lo, hi]: -Infinity if parallel inside, Infinity if parallel outside. */
function slabEntry(o: number, d: number, lo: number, hi: number): number {
  if (d === 0) return o < lo || o > hi ? Infinity : -Infinity;
  return Math.min((lo - o) / d, (hi - o) / d);
}

/** Where a ray along one axis leaves the slab [lo, hi]: Infinity if parallel inside, -Infinity if parallel outside. */
function slabExit(o: number, d: number, lo: number, hi: number): number {
  if (d === 0) return o < lo || o > hi ? -Infinity : Infinity;
  return Math.max((lo - o) / d, (hi - o) / d);
}

/** Distance along a ray (unit direction) to a circle's edge, or Infinity. */
export function rayCircleDistance(
  ox: number, oy: number, dx: number, dy: number, cx: number, cy: number, radius: number,
): number {
  const fx = ox - cx;
  const fy = oy - cy;
  const b = fx * dx + fy * dy;
  const c = fx * fx + fy * fy - radius * radius;
  if (c <= 0) return 0;
  const disc = b * b - c;
  if (disc < 0 || b > 0) return Infinity;
  return -b - Math.sqrt(disc);
}
