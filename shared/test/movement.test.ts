import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { POSITION_STEPS_PER_PX, TICK_SEC, type Point, type Rect } from "@arena/shared";
import { ARENA_MAP, PLAYER_RADIUS_PX, PLAYER_SPEED_PX_PER_SEC, stepMovement, type MoveIntent } from "@arena/shared/games/arena";

const axis = fc.double({ min: -1, max: 1, noNaN: true });
const intent: fc.Arbitrary<MoveIntent> = fc.record({ moveX: axis, moveY: axis });
const inputs = fc.array(intent, { minLength: 0, maxLength: 300, size: "max" });
/** Inputs held for a while (as a player does), so runs reach walls, corners and edges; at most 300. */
const heldInputs = fc
  .array(fc.tuple(intent, fc.integer({ min: 1, max: 90 })), { maxLength: 40, size: "max" })
  .map((runs) => runs.flatMap(([input, ticks]) => Array.from({ length: ticks }, () => input)).slice(0, 300));
const anyInputs = fc.oneof(inputs, heldInputs);
const spawn = fc.constantFrom(...ARENA_MAP.spawnPoints);
/** Fixed ticks most of the time, plus long frames up to 0.5 s to stress speed. */
const dtSec = fc.oneof(fc.constant(TICK_SEC), fc.double({ min: 0, max: 0.5, noNaN: true }));

function run(start: Readonly<Point>, seq: readonly MoveIntent[], dt = TICK_SEC): Point {
  const body = { x: start.x, y: start.y };
  for (const input of seq) stepMovement(body, input, dt, ARENA_MAP);
  return body;
}

/** Euclidean distance from a point to the nearest point of a rectangle (0 inside). */
function distanceToRect(p: Readonly<Point>, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.w));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.h));
  return Math.hypot(dx, dy);
}

/** Allowed penetration: the position grid rounds by at most half a step per axis. */
const SLACK_PX = 1;

/** Why a position is illegal, or null: outside the arena, or deeper than SLACK_PX into a wall. */
function violation(p: Readonly<Point>): string | null {
  if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) return `non-finite position ${p.x},${p.y}`;
  const lo = PLAYER_RADIUS_PX - SLACK_PX;
  if (p.x < lo || p.x > ARENA_MAP.widthPx - lo || p.y < lo || p.y > ARENA_MAP.heightPx - lo) {
    return `centre ${p.x},${p.y} outside the arena`;
  }
  for (const wall of ARENA_MAP.walls) {
    // The wall inflated by (radius - 1) with rounded corners: a centre in the square corner
    // region of the plain inflated box can still be a legal position next to a corner.
    const d = distanceToRect(p, wall);
    if (d < lo) return `centre ${p.x},${p.y} is ${d} px from wall ${JSON.stringify(wall)}`;
  }
  return null;
}

function expectLegal(p: Readonly<Point>): void {
  expect(violation(p)).toBeNull();
}

describe("stepMovement determinism", () => {
  it("same start and inputs give bit-identical positions on two independent runs", () => {
    fc.assert(
      fc.property(spawn, anyInputs, (start, seq) => {
        const a = run(start, seq);
        const b = run(start, seq.map((i) => ({ ...i })));
        expect(Object.is(a.x, b.x)).toBe(true);
        expect(Object.is(a.y, b.y)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("every position is on the 1/16 px grid and exactly representable as float32", () => {
    fc.assert(
      fc.property(spawn, anyInputs, dtSec, (start, seq, dt) => {
        const body = { x: start.x, y: start.y };
        for (const input of seq) {
          stepMovement(body, input, dt, ARENA_MAP);
          expect(Math.fround(body.x)).toBe(body.x);
          expect(Math.fround(body.y)).toBe(body.y);
          expect(Number.isInteger(body.x * POSITION_STEPS_PER_PX)).toBe(true);
          expect(Number.isInteger(body.y * POSITION_STEPS_PER_PX)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("replaying from a float32 + JSON round-tripped mid-sequence state reproduces the straight run", () => {
    fc.assert(
      fc.property(spawn, anyInputs, fc.nat(), (start, seq, cut) => {
        const split = seq.length === 0 ? 0 : cut % (seq.length + 1);
        const straight = run(start, seq);

        // What a client would receive: the state after `split` inputs, sent as float32 over the wire.
        const mid = run(start, seq.slice(0, split));
        const f32 = new Float32Array([mid.x, mid.y]);
        const received = JSON.parse(JSON.stringify({ x: Math.fround(f32[0]!), y: Math.fround(f32[1]!) })) as Point;
        expect(received).toEqual(mid);

        const replayed = run(received, seq.slice(split));
        expect(Object.is(replayed.x, straight.x)).toBe(true);
        expect(Object.is(replayed.y, straight.y)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("stepMovement and walls", () => {
  it("never ends a step inside a wall or outside the arena (random spawns, inputs, dt up to 0.5 s)", () => {
    fc.assert(
      fc.property(spawn, anyInputs, dtSec, (start, seq, dt) => {
        const body = { x: start.x, y: start.y };
        for (const input of seq) {
          stepMovement(body, input, dt, ARENA_MAP);
          expectLegal(body);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("also holds when dt changes every step", () => {
    fc.assert(
      fc.property(spawn, fc.array(fc.tuple(intent, dtSec), { maxLength: 300, size: "max" }), (start, seq) => {
        const body = { x: start.x, y: start.y };
        for (const [input, dt] of seq) {
          stepMovement(body, input, dt, ARENA_MAP);
          expectLegal(body);
        }
      }),
      { numRuns: 200 },
    );
  });

  // Interior walls only; the border frame is covered by the arena-bounds checks.
  const interior = ARENA_MAP.walls.filter((w) => w.x >= 0 && w.y >= 0 && w.x + w.w <= ARENA_MAP.widthPx && w.y + w.h <= ARENA_MAP.heightPx);
  const gapPx = PLAYER_RADIUS_PX + 20;
  const sides = [
    { name: "left", input: { moveX: 1, moveY: 0 }, start: (w: Rect) => ({ x: w.x - gapPx, y: w.y + w.h / 2 }), onSide: (p: Point, w: Rect) => p.x < w.x },
    { name: "right", input: { moveX: -1, moveY: 0 }, start: (w: Rect) => ({ x: w.x + w.w + gapPx, y: w.y + w.h / 2 }), onSide: (p: Point, w: Rect) => p.x > w.x + w.w },
    { name: "top", input: { moveX: 0, moveY: 1 }, start: (w: Rect) => ({ x: w.x + w.w / 2, y: w.y - gapPx }), onSide: (p: Point, w: Rect) => p.y < w.y },
    { name: "bottom", input: { moveX: 0, moveY: -1 }, start: (w: Rect) => ({ x: w.x + w.w / 2, y: w.y + w.h + gapPx }), onSide: (p: Point, w: Rect) => p.y > w.y + w.h },
  ] as const;

  it("has interior walls to test against", () => {
    expect(interior.length).toBeGreaterThan(0);
  });

  for (const dt of [TICK_SEC, 0.1, 0.5]) {
    it(`a player holding straight into a wall for 300 ticks stays on its side (dt=${dt.toFixed(4)} s)`, () => {
      let tested = 0;
      for (const wall of interior) {
        for (const side of sides) {
          const start = side.start(wall);
          // Only open starting spots count (some sides face the arena edge or another wall).
          const clear = ARENA_MAP.walls.every((w) => distanceToRect(start, w) >= PLAYER_RADIUS_PX)
            && start.x >= PLAYER_RADIUS_PX && start.x <= ARENA_MAP.widthPx - PLAYER_RADIUS_PX
            && start.y >= PLAYER_RADIUS_PX && start.y <= ARENA_MAP.heightPx - PLAYER_RADIUS_PX;
          if (!clear) continue;
          tested++;
          const body = { ...start };
          for (let i = 0; i < 300; i++) {
            stepMovement(body, side.input, dt, ARENA_MAP);
            expect(side.onSide(body, wall), `${side.name} of ${JSON.stringify(wall)} at tick ${i}: ${body.x},${body.y}`).toBe(true);
            expectLegal(body);
          }
          // It did reach the wall: resting against it, one radius from its face.
          expect(distanceToRect(body, wall)).toBeCloseTo(PLAYER_RADIUS_PX, 1);
        }
      }
      expect(tested).toBeGreaterThanOrEqual(interior.length * 2);
    });
  }
});

describe("stepMovement speed", () => {
  it("moving right at moveX=1 for 60 ticks from an open spot covers PLAYER_SPEED_PX_PER_SEC px", () => {
    const start = { x: 100, y: 100 };
    const end = run(start, Array.from({ length: 60 }, () => ({ moveX: 1, moveY: 0 })));
    expect(end.y).toBe(start.y);
    // The speed is a whole number of grid steps per tick, so axis-aligned movement is exact.
    expect(Math.abs(end.x - start.x - PLAYER_SPEED_PX_PER_SEC)).toBeLessThanOrEqual(1 / POSITION_STEPS_PER_PX);
  });

  it("one long step of 1 s moves PLAYER_SPEED_PX_PER_SEC px (±1/16) in an open lane", () => {
    // y=400 is an open horizontal lane (no interior wall crosses it).
    const start = { x: 100, y: 400 };
    const end = run(start, [{ moveX: 1, moveY: 0 }], 1);
    expect(Math.abs(end.x - start.x - PLAYER_SPEED_PX_PER_SEC)).toBeLessThanOrEqual(1 / POSITION_STEPS_PER_PX);
    expect(end.y).toBe(start.y);
  });

  it("diagonal input is normalised: the speed never exceeds PLAYER_SPEED_PX_PER_SEC", () => {
    fc.assert(
      fc.property(intent, (input) => {
        const start = { x: 800, y: 400 };
        const end = run(start, [input], TICK_SEC);
        const moved = Math.hypot(end.x - start.x, end.y - start.y);
        // Plus at most half a grid step of rounding per axis.
        expect(moved).toBeLessThanOrEqual(PLAYER_SPEED_PX_PER_SEC * TICK_SEC + Math.SQRT2 * (0.5 / POSITION_STEPS_PER_PX) + 1e-9);
      }),
    );
  });

  it("no input, no movement", () => {
    for (const sp of ARENA_MAP.spawnPoints) {
      expect(run(sp, Array.from({ length: 10 }, () => ({ moveX: 0, moveY: 0 })))).toEqual(sp);
    }
  });
});
