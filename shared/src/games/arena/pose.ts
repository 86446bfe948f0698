import { POSITION_STEPS_PER_PX } from "../../sim/quantize.js";
import { definePosePacking, packedFieldMax } from "../../schema/pose-packing.js";

/** Wire steps per px of a remote player's position: 1/2 px. */
export const POSE_STEPS_PER_PX = 2;

/**
 * How an arena player's pose goes on the wire: the framework's compact poses (shared/src/schema/pose-packing.ts),
 * one uint32 per player in the state's `poses` bank that every client receives, plus the
 * owner-only `fine` byte.
 * - x and y rounded to the nearest 1/2 px, 12 bits each (0..2047.5 px), and the aim byte
 *   (encodeAngle8): one word, so a moving, aiming player costs one field per patch, not three.
 * - `fine`: what the rounding took off x and y in 1/16 px (the simulation's grid), 3 bits each,
 *   so the owner rebuilds its exact simulated position and reconciles bit for bit.
 * Remote players are only drawn (interpolated): within 1/4 px of the truth is plenty for them,
 * and a position on the 1/2 px grid (every spawn point, every axis-aligned walk) arrives exact.
 */
export const ARENA_POSES = definePosePacking({
  collection: "players",
  bank: "poses",
  fields: [
    { name: "x", bits: 12, stepsPerUnit: POSE_STEPS_PER_PX, exactStepsPerUnit: POSITION_STEPS_PER_PX },
    { name: "y", bits: 12, stepsPerUnit: POSE_STEPS_PER_PX, exactStepsPerUnit: POSITION_STEPS_PER_PX },
    { name: "aim", bits: 8 },
  ],
});

/** Largest coordinate a pose carries exactly, in px; larger ones are clamped. */
export const POSE_MAX_PX = packedFieldMax(ARENA_POSES, "x");
