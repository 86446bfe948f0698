import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { TICK_SEC } from "@arena/shared";
import { SOCCER_BALL_KEEP_PER_SEC, SOCCER_GOAL_BOTTOM_PX, SOCCER_GOAL_TOP_PX, SOCCER_KICK_REACH_PX, SOCCER_KICK_SPEED_PX_PER_SEC, SOCCER_MAX_SPEED_PX_PER_SEC, SOCCER_WALL_RESTITUTION, kickBall, kickOffSpot, soccerBallKeepPerTick, stepBall, stepSoccerPlayer, type SoccerBody, SOCCER_BALL_RADIUS_PX as BR, SOCCER_HEIGHT_PX as H, SOCCER_PLAYER_RADIUS_PX as PR, SOCCER_WIDTH_PX as W } from "@arena/shared/games/soccer";

const intentArb = fc.record({ moveX: fc.double({ min: -1, max: 1, noNaN: true }), moveY: fc.double({ min: -1, max: 1, noNaN: true }) });
const within = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const bodyArb = (r: number, maxSpeed: number) => fc.record({ x: within(r, W - r), y: within(r, H - r), vx: within(-maxSpeed, maxSpeed), vy: within(-maxSpeed, maxSpeed) });
const ballArb = bodyArb(BR, 900);
const playersArb = fc.array(bodyArb(PR, SOCCER_MAX_SPEED_PX_PER_SEC), { maxLength: 8 });
const standingArb = fc.array(bodyArb(PR, 0), { maxLength: 8 });
const speed = (b: SoccerBody) => Math.sqrt(b.vx * b.vx + b.vy * b.vy);
const mirrorX = (b: SoccerBody): SoccerBody => ({ x: W - b.x, y: b.y, vx: -b.vx, vy: b.vy });
const mirrorY = (b: SoccerBody): SoccerBody => ({ x: b.x, y: H - b.y, vx: b.vx, vy: -b.vy });

function runPlayer(body: SoccerBody, inputs: readonly { moveX: number; moveY: number }[], dtSec = TICK_SEC): SoccerBody {
  for (const input of inputs) stepSoccerPlayer(body, input, dtSec);
  return body;
}

describe("stepSoccerPlayer (the predicted step)", () => {
  it("is deterministic, exact in float32 and stays on the pitch, at 60 and 30 Hz (property)", () => {
    fc.assert(fc.property(fc.constantFrom(1 / 60, 1 / 30), fc.array(intentArb, { maxLength: 300 }), (dtSec, inputs) => {
      const a = runPlayer({ ...kickOffSpot(0, 0), vx: 0, vy: 0 }, inputs, dtSec);
      const b = runPlayer({ ...kickOffSpot(0, 0), vx: 0, vy: 0 }, inputs, dtSec);
      expect(b).toEqual(a);
      for (const v of [a.x, a.y, a.vx, a.vy]) expect(Math.fround(v)).toBe(v);
      expect(a.x).toBeGreaterThanOrEqual(PR);
      expect(a.x).toBeLessThanOrEqual(W - PR);
      expect(a.y).toBeGreaterThanOrEqual(PR);
      expect(a.y).toBeLessThanOrEqual(H - PR);
      expect(speed(a)).toBeLessThanOrEqual(SOCCER_MAX_SPEED_PX_PER_SEC + 0.1);
    }), { numRuns: 200 });
  });

  it("replaying from a float32 snapshot taken mid-run ends where the straight run does (reconciliation)", () => {
    fc.assert(fc.property(fc.array(intentArb, { minLength: 2, maxLength: 200 }), fc.nat(), (inputs, cut) => {
      const k = cut % inputs.length;
      const straight = runPlayer({ ...kickOffSpot(1, 2), vx: 0, vy: 0 }, inputs);
      const mid = runPlayer({ ...kickOffSpot(1, 2), vx: 0, vy: 0 }, inputs.slice(0, k));
      const wire = { x: Math.fround(mid.x), y: Math.fround(mid.y), vx: Math.fround(mid.vx), vy: Math.fround(mid.vy) };
      expect(runPlayer(wire, inputs.slice(k))).toEqual(straight);
    }), { numRuns: 200 });
  });
});

describe("stepBall (server only)", () => {
  it("stays in the pitch, or reports the goal whose mouth it left by (property)", () => {
    fc.assert(fc.property(ballArb, playersArb, fc.integer({ min: 1, max: 120 }), (ball, players, ticks) => {
      for (let t = 0; t < ticks; t++) {
        const goal = stepBall(ball, players, TICK_SEC);
        if (goal !== 0) {
          expect(goal === -1 ? ball.x < 0 : ball.x > W).toBe(true);
          expect(ball.y).toBeGreaterThan(SOCCER_GOAL_TOP_PX);
          expect(ball.y).toBeLessThan(SOCCER_GOAL_BOTTOM_PX);
          return;
        }
        expect(ball.x).toBeGreaterThanOrEqual(0);
        expect(ball.x).toBeLessThanOrEqual(W);
        expect(ball.y).toBeGreaterThanOrEqual(BR);
        expect(ball.y).toBeLessThanOrEqual(H - BR);
      }
    }), { numRuns: 300 });
  });

  it("never gains speed among standing players: friction and bounces only take energy (property)", () => {
    fc.assert(fc.property(ballArb, standingArb, fc.integer({ min: 1, max: 120 }), (ball, players, ticks) => {
      for (let t = 0; t < ticks; t++) {
        const before = speed(ball);
        if (stepBall(ball, players, TICK_SEC) !== 0) return;
        expect(speed(ball)).toBeLessThanOrEqual(before * (1 + 1e-12));
      }
    }), { numRuns: 300 });
  });

  it("bounces symmetrically: a mirrored pitch gives the mirrored ball (property)", () => {
    fc.assert(fc.property(ballArb, playersArb, fc.integer({ min: 1, max: 60 }), fc.constantFrom(mirrorX, mirrorY), (ball, players, ticks, mirror) => {
      const a = { ...ball };
      const mirroredPlayers = players.map(mirror);
      for (let t = 0; t < ticks; t++) {
        // Each tick from the mirror of where the ball is, not from a mirrored run: two runs apart by
        // a rounding (W - x is not always exact) drift apart when the ball is pinned against players
        // and walls (contacts amplify it tick after tick), which is chaos, not bias. One tick from
        // mirrored states must agree within rounding, relative to the value: a rounding of the
        // contact normal shows in a fast ball's velocity as ~1e-6 px/s.
        const b = mirror(a);
        const goalA = stepBall(a, players, TICK_SEC);
        const goalB = stepBall(b, mirroredPlayers, TICK_SEC);
        const m = mirror(a);
        for (const k of ["x", "y", "vx", "vy"] as const) expect(Math.abs(b[k] - m[k]), k).toBeLessThan(1e-6 * Math.max(1, Math.abs(m[k])));
        expect(goalB).toBe(mirror === mirrorX ? 0 - goalA : goalA);
        if (goalA !== 0) return;
      }
    }), { numRuns: 300 });
  });

  it("is deterministic (property)", () => {
    fc.assert(fc.property(ballArb, playersArb, fc.integer({ min: 1, max: 120 }), (ball, players, ticks) => {
      const a = { ...ball };
      const b = { ...ball };
      for (let t = 0; t < ticks; t++) expect(stepBall(b, players, TICK_SEC)).toBe(stepBall(a, players, TICK_SEC));
      expect(b).toEqual(a);
    }), { numRuns: 200 });
  });

  it("off the touch line: the angle out equals the angle in; the normal speed loses the restitution", () => {
    const ball = { x: 300, y: BR + 2, vx: 300, vy: -300 };
    stepBall(ball, [], TICK_SEC);
    const keep = soccerBallKeepPerTick(TICK_SEC);
    expect(ball.y).toBe(BR);
    expect(ball.vx).toBeCloseTo(300 * keep, 9);
    expect(ball.vy).toBeCloseTo(300 * keep * SOCCER_WALL_RESTITUTION, 9);
  });

  it("rolls into the left goal (-1) inside the mouth, and off the goal line beside it", () => {
    expect(stepBall({ x: 2, y: H / 2, vx: -600, vy: 0 }, [], TICK_SEC)).toBe(-1);
    const beside = { x: BR + 2, y: SOCCER_GOAL_TOP_PX - 20, vx: -600, vy: 0 };
    expect(stepBall(beside, [], TICK_SEC)).toBe(0);
    expect(beside.vx).toBeGreaterThan(0);
  });

  it("friction per tick is the per-second keep's tickHz-th root (exact operations, close to Math.pow)", () => {
    expect(soccerBallKeepPerTick(1 / 60)).toBeCloseTo(Math.pow(SOCCER_BALL_KEEP_PER_SEC, 1 / 60), 14);
    expect(soccerBallKeepPerTick(1 / 30)).toBeCloseTo(Math.pow(SOCCER_BALL_KEEP_PER_SEC, 1 / 30), 14);
  });
});

describe("kickBall", () => {
  it("within reach sends the ball away from the kicker at kick speed; beyond it does nothing", () => {
    const reach = PR + BR + SOCCER_KICK_REACH_PX;
    const ball = { x: 500, y: 300, vx: 5, vy: 5 };
    expect(kickBall(ball, 500 - reach - 0.5, 300, 500, 300)).toBe(false);
    expect(ball).toEqual({ x: 500, y: 300, vx: 5, vy: 5 });
    expect(kickBall(ball, 500, 300 + reach, 500, 300)).toBe(true);
    expect([ball.vx, ball.vy]).toEqual([0, -SOCCER_KICK_SPEED_PX_PER_SEC]);
  });
});
