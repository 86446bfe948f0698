import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { POSITION_STEPS_PER_PX, packFine, packWord, unpackWord } from "@arena/shared";
import { ARENA_MAP, ARENA_POSES, POSE_MAX_PX } from "@arena/shared/games/arena";

const encodePose = (x: number, y: number, aim: number) => packWord(ARENA_POSES, { x, y, aim });
const encodePoseFine = (x: number, y: number) => packFine(ARENA_POSES, { x, y, aim: 0 });
const decode = (pose: number, fine?: number) => unpackWord(ARENA_POSES, pose, fine, { x: 0, y: 0, aim: 0 });
const poseX = (pose: number, fine?: number) => decode(pose, fine).x;
const poseY = (pose: number, fine?: number) => decode(pose, fine).y;
const poseAim = (pose: number) => decode(pose).aim;

/** A coordinate on the simulation's 1/16 px grid within what a pose carries. */
const gridCoord = fc.integer({ min: 0, max: Math.floor(POSE_MAX_PX * POSITION_STEPS_PER_PX) }).map((s) => s / POSITION_STEPS_PER_PX);

describe("arena pose wire format", () => {
  it("the layout: x in bits 0-11 and y in 12-23 at 1/2 px, aim in 24-31; fine holds x's then y's 3-bit remainder", () => {
    expect(POSE_MAX_PX).toBe(2047.5);
    expect(encodePose(1, 2.5, 0xab)).toBe((2 | (5 << 12) | (0xab << 24)) >>> 0);
    // 700.0625 px is 11201/16: rounds to 1400/2 (700 px), +1/16 left; 419.9375 rounds to 840/2, -1/16.
    expect(encodePoseFine(700.0625, 419.9375)).toBe(1 | (0b111 << 3));
    expect(decode(encodePose(700.0625, 419.9375, 200), encodePoseFine(700.0625, 419.9375))).toEqual({ x: 700.0625, y: 419.9375, aim: 200 });
    // Clamped at the edges of what a word carries.
    expect(decode(encodePose(-5, 5000, 0))).toEqual({ x: 0, y: 2047.5, aim: 0 });
  });

  it("the arena fits in a pose", () => {
    expect(ARENA_MAP.widthPx).toBeLessThanOrEqual(POSE_MAX_PX);
    expect(ARENA_MAP.heightPx).toBeLessThanOrEqual(POSE_MAX_PX);
  });

  it("with the owner's fine byte, x and y come back bit for bit; the aim byte too", () => {
    fc.assert(
      fc.property(gridCoord, gridCoord, fc.integer({ min: 0, max: 255 }), (x, y, aim) => {
        const pose = encodePose(x, y, aim);
        const fine = encodePoseFine(x, y);
        expect(pose).toBeGreaterThanOrEqual(0);
        expect(pose).toBeLessThanOrEqual(0xffffffff);
        expect(fine).toBeGreaterThanOrEqual(0);
        expect(fine).toBeLessThanOrEqual(0xff);
        expect(Object.is(poseX(pose, fine), x)).toBe(true);
        expect(Object.is(poseY(pose, fine), y)).toBe(true);
        expect(poseAim(pose)).toBe(aim);
      }),
      { numRuns: 2000 },
    );
  });

  it("without it (a remote player), within 1/4 px, and exact on the 1/2 px grid", () => {
    fc.assert(
      fc.property(gridCoord, gridCoord, (x, y) => {
        const pose = encodePose(x, y, 0);
        expect(Math.abs(poseX(pose) - x)).toBeLessThanOrEqual(0.25);
        expect(Math.abs(poseY(pose) - y)).toBeLessThanOrEqual(0.25);
        const hx = Math.round(x * 2) / 2;
        const hy = Math.round(y * 2) / 2;
        const half = encodePose(hx, hy, 0);
        expect([poseX(half), poseY(half)]).toEqual([hx, hy]);
      }),
      { numRuns: 2000 },
    );
  });
});
