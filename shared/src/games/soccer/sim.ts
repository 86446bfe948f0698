import { rootOfWholeDegree, wholeTickHz } from "../../sim/exact-math.js";
import { quantizePosition } from "../../sim/quantize.js";
import type { SoccerInput } from "./input.js";
import {
  SOCCER_ACCEL_PX_PER_SEC2, SOCCER_BALL_KEEP_PER_SEC, SOCCER_BALL_MAX_SPEED_PX_PER_SEC, SOCCER_BALL_RADIUS_PX, SOCCER_GOAL_BOTTOM_PX,
  SOCCER_GOAL_TOP_PX, SOCCER_HEIGHT_PX, SOCCER_KICKOFF_SPOTS, SOCCER_KICK_REACH_PX, SOCCER_KICK_SPEED_PX_PER_SEC, SOCCER_MAX_SPEED_PX_PER_SEC,
  SOCCER_PLAYER_KEEP_PER_SEC, SOCCER_PLAYER_RADIUS_PX, SOCCER_PLAYER_RESTITUTION, SOCCER_WALL_RESTITUTION, SOCCER_WIDTH_PX,
} from "./constants.js";

/** A player or the ball: centre and velocity (px, px/s). */
export interface SoccerBody {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

/** Where the ball went in a step: 0 still in play, 1 into the right goal (team 0 scores), -1 into the left one. */
export type GoalSide = -1 | 0 | 1;

/** `keepPerSec ^ dtSec`, the velocity kept per tick, by exact operations, once per tick rate (see exact-math.ts). */
function keepPerTick(keepPerSec: number): (dtSec: number) => number {
  const byDtSec = new Map<number, number>();
  return (dtSec) => byDtSec.get(dtSec) ?? byDtSec.set(dtSec, rootOfWholeDegree(keepPerSec, wholeTickHz(dtSec))).get(dtSec)!;
}
export const soccerPlayerKeepPerTick = keepPerTick(SOCCER_PLAYER_KEEP_PER_SEC);
export const soccerBallKeepPerTick = keepPerTick(SOCCER_BALL_KEEP_PER_SEC);

function capSpeed(body: SoccerBody, maxPxPerSec: number): void {
  const scale = maxPxPerSec / Math.sqrt(body.vx * body.vx + body.vy * body.vy);
  if (scale < 1) { body.vx *= scale; body.vy *= scale; }
}

/** Keep `body` in [r, maxPx - r] on `axis`; at an edge its velocity into it turns, times `restitution` (0: stops). */
function keepWithin(body: SoccerBody, axis: "x" | "y", maxPx: number, r: number, restitution: number): void {
  const v = axis === "x" ? "vx" : "vy";
  const low = body[axis] < r;
  if (!low && body[axis] <= maxPx - r) return;
  body[axis] = low ? r : maxPx - r;
  if (low ? body[v] < 0 : body[v] > 0) body[v] = 0 - body[v] * restitution; // 0 - : never -0
}

/** A player's fields, put on the 1/16 grid after each step (exact in float32, so the wire carries them unchanged). */
const GRID_FIELDS = ["x", "y", "vx", "vy"] as const;

/**
 * One tick of a player, the predicted step (server and owner run it): accelerate, friction, speed cap,
 * stay on the pitch. The ball never pushes players, so a player's path depends on its inputs alone.
 */
export function stepSoccerPlayer(body: SoccerBody, input: Pick<SoccerInput, "moveX" | "moveY">, dtSec: number): void {
  const len = Math.sqrt(input.moveX * input.moveX + input.moveY * input.moveY);
  const accel = (len > 1 ? 1 / len : 1) * SOCCER_ACCEL_PX_PER_SEC2 * dtSec;
  const keep = soccerPlayerKeepPerTick(dtSec);
  body.vx = body.vx * keep + input.moveX * accel;
  body.vy = body.vy * keep + input.moveY * accel;
  capSpeed(body, SOCCER_MAX_SPEED_PX_PER_SEC);
  body.x += body.vx * dtSec;
  body.y += body.vy * dtSec;
  keepWithin(body, "x", SOCCER_WIDTH_PX, SOCCER_PLAYER_RADIUS_PX, 0);
  keepWithin(body, "y", SOCCER_HEIGHT_PX, SOCCER_PLAYER_RADIUS_PX, 0);
  for (const k of GRID_FIELDS) body[k] = quantizePosition(body[k]);
}

const TOUCH_PX = SOCCER_PLAYER_RADIUS_PX + SOCCER_BALL_RADIUS_PX;

/** Push the ball out of player `p` and bounce it off the player's moving surface. */
function bounceOffPlayer(ball: SoccerBody, p: SoccerBody): void {
  const dx = ball.x - p.x;
  const dy = ball.y - p.y;
  const d2 = dx * dx + dy * dy;
  if (d2 >= TOUCH_PX * TOUCH_PX || d2 === 0) return;
  const d = Math.sqrt(d2);
  ball.x = p.x + (dx / d) * TOUCH_PX;
  ball.y = p.y + (dy / d) * TOUCH_PX;
  const along = ((ball.vx - p.vx) * dx + (ball.vy - p.vy) * dy) / d;
  if (along >= 0) return;
  ball.vx -= ((1 + SOCCER_PLAYER_RESTITUTION) * along * dx) / d;
  ball.vy -= ((1 + SOCCER_PLAYER_RESTITUTION) * along * dy) / d;
}

/**
 * One tick of the ball (server only): friction, speed cap, then in sub-steps shorter than its radius move,
 * bounce off players and edges. Returns the goal it went into, if any (the caller resets it). Mutates `ball` only.
 */
export function stepBall(ball: SoccerBody, players: readonly SoccerBody[], dtSec: number): GoalSide {
  const keep = soccerBallKeepPerTick(dtSec);
  ball.vx *= keep;
  ball.vy *= keep;
  capSpeed(ball, SOCCER_BALL_MAX_SPEED_PX_PER_SEC);
  const moved = Math.sqrt(ball.vx * ball.vx + ball.vy * ball.vy) * dtSec;
  const subSteps = Math.max(1, Math.ceil(moved / SOCCER_BALL_RADIUS_PX));
  for (let i = 0; i < subSteps; i++) {
    ball.x += (ball.vx * dtSec) / subSteps;
    ball.y += (ball.vy * dtSec) / subSteps;
    for (const p of players) bounceOffPlayer(ball, p);
    keepWithin(ball, "y", SOCCER_HEIGHT_PX, SOCCER_BALL_RADIUS_PX, SOCCER_WALL_RESTITUTION);
    // Within a goal mouth the goal line is open: past it is a goal.
    if (ball.y <= SOCCER_GOAL_TOP_PX || ball.y >= SOCCER_GOAL_BOTTOM_PX) keepWithin(ball, "x", SOCCER_WIDTH_PX, SOCCER_BALL_RADIUS_PX, SOCCER_WALL_RESTITUTION);
    else if (ball.x < 0 || ball.x > SOCCER_WIDTH_PX) return ball.x < 0 ? -1 : 1;
  }
  return 0;
}

/** A kick from (kickerX, kickerY) at a ball seen at (seenX, seenY): within reach, the ball leaves straight away from the kicker. */
export function kickBall(ball: SoccerBody, kickerX: number, kickerY: number, seenX: number, seenY: number): boolean {
  const dx = seenX - kickerX;
  const dy = seenY - kickerY;
  const d = Math.sqrt(dx * dx + dy * dy);
  if (d === 0 || d > TOUCH_PX + SOCCER_KICK_REACH_PX) return false;
  ball.vx = (dx / d) * SOCCER_KICK_SPEED_PX_PER_SEC;
  ball.vy = (dy / d) * SOCCER_KICK_SPEED_PX_PER_SEC;
  return true;
}

/** Where the `place`-th player of `team` kicks off (team 1 mirrors team 0 across the half-way line). */
export function kickOffSpot(team: number, place: number): { x: number; y: number } {
  const spot = SOCCER_KICKOFF_SPOTS[place % SOCCER_KICKOFF_SPOTS.length]!;
  return { x: team === 0 ? spot.x : SOCCER_WIDTH_PX - spot.x, y: spot.y };
}
