/** A virtual stick's reading: axes in [-1, 1] (length at most 1) and its direction. */
export interface StickReading {
  x: number;
  y: number;
  /** Length of (x, y), 0 inside the dead zone. */
  magnitude: number;
  /** Direction of the drag in radians, or null inside the dead zone. */
  angleRad: number | null;
}

/**
 * The reading of a stick dragged (dx, dy) px from where the thumb went down: the drag over
 * `radiusPx`, capped at length 1, and 0 within `deadZone` (a fraction of the radius) so a resting
 * thumb does not drift. Outside the dead zone the length is rescaled to start at 0. Pure.
 */
export function stickVector(dx: number, dy: number, radiusPx: number, deadZone: number): StickReading {
  const dist = Math.hypot(dx, dy);
  const raw = Math.min(1, dist / radiusPx);
  if (dist === 0 || raw <= deadZone) return { x: 0, y: 0, magnitude: 0, angleRad: null };
  const magnitude = Math.min(1, (raw - deadZone) / (1 - deadZone));
  return { x: (dx / dist) * magnitude, y: (dy / dist) * magnitude, magnitude, angleRad: Math.atan2(dy, dx) };
}
