import { expect, it } from "vitest";
import fc from "fast-check";
import { stickVector } from "../src/game/common/stick-vector.js";
import { hudLayout } from "../src/game/common/hud-layout.js";

it("a stick reads 0 in its dead zone, full deflection at its radius and beyond, and points where it is dragged", () => {
  expect(stickVector(0, 0, 50, 0.2)).toMatchObject({ x: 0, y: 0, angleRad: null });
  expect(stickVector(9, 0, 50, 0.2).magnitude).toBe(0);
  expect(stickVector(50, 0, 50, 0.2)).toMatchObject({ x: 1, y: 0, magnitude: 1, angleRad: 0 });
  expect(stickVector(0, -200, 50, 0.2)).toMatchObject({ x: 0, y: -1, magnitude: 1 });
  fc.assert(fc.property(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), (dx, dy) => {
    const r = stickVector(dx, dy, 56, 0.15);
    expect(Math.hypot(r.x, r.y)).toBeLessThanOrEqual(1 + 1e-9);
    if (r.angleRad !== null) expect(Math.abs(Math.atan2(r.y, r.x) - r.angleRad)).toBeLessThan(1e-9);
  }));
});

it("the HUD columns and the top-centre band never overlap, on phones either way up and on desktops", () => {
  for (const [w, h] of [[390, 844], [844, 390], [1024, 640], [1920, 1080], [360, 640]] as const) {
    const l = hudLayout(w, h);
    expect(l.left.x + l.left.width, `${w}x${h} left column`).toBeLessThanOrEqual(l.centerBand.x);
    expect(l.right.x, `${w}x${h} scoreboard`).toBeGreaterThanOrEqual(l.centerBand.x + l.centerBand.width);
    expect(l.right.x + l.right.width).toBeLessThanOrEqual(w);
    expect(l.leftThumb.y - 56).toBeGreaterThanOrEqual(l.hintBottom);
  }
});
