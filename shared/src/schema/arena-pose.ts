import { POSITION_STEPS_PER_PX } from "../sim/quantize.js";

/**
 * Wire format of an arena player's pose: one uint32 everyone receives, plus one owner-only byte.
 *
 * The simulation keeps positions on the 1/16 px grid. On the wire:
 * - the pose word (uint32, every client; in `ArenaState.poses` at the player's slot): x and y
 *   rounded to the nearest 1/2 px (12 bits each, so 0..2047.5 px) and the aim byte: bits 0-11 x,
 *   12-23 y, 24-31 aim. One word, so a moving, aiming player costs one field per patch, not three.
 * - `fine` (uint8, owner only): what the rounding took off x and y, in 1/16 px (3-bit two's
 *   complement each, -4..3), so the owner rebuilds its exact simulated position and reconciles
 *   bit for bit.
 * Remote players are only drawn (interpolated): within 1/4 px of the truth is plenty for them,
 * and a position on the 1/2 px grid (every spawn point, every axis-aligned walk) arrives exact.
 */
export const POSE_STEPS_PER_PX = 2;
const FINE_BITS = Math.log2(POSITION_STEPS_PER_PX / POSE_STEPS_PER_PX);
const FINE_MASK = (1 << FINE_BITS) - 1;
const FINE_HALF = 1 << (FINE_BITS - 1);
const COORD_BITS = 12;
const COORD_MASK = (1 << COORD_BITS) - 1;
/** Largest coordinate a pose carries exactly, in px; larger ones are clamped. */
export const POSE_MAX_PX = COORD_MASK / POSE_STEPS_PER_PX;
const MAX_STEPS = (COORD_MASK << FINE_BITS) + FINE_HALF - 1;

/** A coordinate in 1/16 px steps, clamped to what a pose carries. */
function steps(px: number): number {
  return Math.min(MAX_STEPS, Math.max(0, Math.round(px * POSITION_STEPS_PER_PX)));
}

/** Nearest 1/2 px step of a coordinate given in 1/16 px steps. */
function coarse(gridSteps: number): number {
  return (gridSteps + FINE_HALF) >> FINE_BITS;
}

/** Pack a position (px, on the 1/16 px grid, 0..POSE_MAX_PX) and an aim byte into the shared `pose` word. */
export function encodePose(xPx: number, yPx: number, aimByte: number): number {
  return (coarse(steps(xPx)) | (coarse(steps(yPx)) << COORD_BITS) | ((aimByte & 0xff) << 24)) >>> 0;
}

/** The owner-only remainder byte of a position (see `encodePose`). */
export function encodePoseFine(xPx: number, yPx: number): number {
  const sx = steps(xPx);
  const sy = steps(yPx);
  const fx = sx - (coarse(sx) << FINE_BITS);
  const fy = sy - (coarse(sy) << FINE_BITS);
  return (fx & FINE_MASK) | ((fy & FINE_MASK) << FINE_BITS);
}

/** A 3-bit two's complement remainder back to -4..3. */
function remainder(bits: number): number {
  const r = bits & FINE_MASK;
  return r >= FINE_HALF ? r - (1 << FINE_BITS) : r;
}

/**
 * x in px from a pose word. With the owner's `fine` byte: the exact simulated position;
 * without (a remote player): the nearest 1/2 px.
 */
export function poseX(pose: number, fine?: number): number {
  const r = fine === undefined ? 0 : remainder(fine);
  return (((pose & COORD_MASK) << FINE_BITS) + r) / POSITION_STEPS_PER_PX;
}

/** y in px from a pose word (see `poseX`). */
export function poseY(pose: number, fine?: number): number {
  const r = fine === undefined ? 0 : remainder(fine >> FINE_BITS);
  return ((((pose >>> COORD_BITS) & COORD_MASK) << FINE_BITS) + r) / POSITION_STEPS_PER_PX;
}

/** Aim byte (0..255, see decodeAngle8) from a pose word. */
export function poseAim(pose: number): number {
  return pose >>> 24;
}
