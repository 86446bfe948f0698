import { rootOfWholeDegree, wholeTickHz } from "../../sim/exact-math.js";
import { pushCircleOutOfRect } from "../../sim/geometry.js";
import { quantizePosition } from "../../sim/quantize.js";
import {
  TAG_ACCEL_PX_PER_SEC2, TAG_DASH_COOLDOWN_TICKS, TAG_DASH_SPEED_PX_PER_SEC, TAG_FRICTION_KEEP_PER_SEC,
  TAG_IT_SPEED_BONUS, TAG_MAX_SPEED_PX_PER_SEC, TAG_RADIUS_PX,
} from "./constants.js";
import type { TagMap } from "./map.js";

/** A tag runner: position, velocity and dash cooldown, all predicted by the owner. */
export interface TagBody {
  x: number;
  y: number;
  vx: number;
  vy: number;
  /**
   * The runner's own ticks until the next dash is allowed: one per step, i.e. per input applied,
   * so the owner predicts it exactly. The server applies at most one input per server tick on
   * average (ClientIntake.takeDue: one credit a tick, 6 banked at most), so in server ticks the
   * cooldown holds too, whatever a client sends: never shorter on average, and shorter once by
   * at most the credit banked while idle (which the idle ticks did not count down).
   */
  dashCooldown: number;
  /** This runner is "it" (runs faster). */
  it: boolean;
}

export interface TagIntent {
  moveX: number;
  moveY: number;
  dash: boolean;
}

/** Velocities live on a 1/16 px/s grid, like positions, so the wire carries them exactly. */
const quantizeVelocity = quantizePosition;

/** Friction kept per tick, by the step's `dtSec` (one entry per tick rate in use). */
const frictionKeepByDtSec = new Map<number, number>();

/**
 * The velocity kept per tick at this `dtSec` (= 1 / tickHz): TAG_FRICTION_KEEP_PER_SEC ^ dtSec,
 * taken as the tickHz-th root with exact operations only (no `Math.pow`: engines differ in its
 * last bits, and a player predicting in Firefox must get the server's very bits). Computed once
 * per rate and cached, so the step itself does a map lookup.
 */
export function tagFrictionKeepPerTick(dtSec: number): number {
  let keep = frictionKeepByDtSec.get(dtSec);
  if (keep === undefined) {
    keep = rootOfWholeDegree(TAG_FRICTION_KEEP_PER_SEC, wholeTickHz(dtSec));
    frictionKeepByDtSec.set(dtSec, keep);
  }
  return keep;
}

/**
 * One tick of tag movement: accelerate toward the input direction, friction, optional dash,
 * speed cap, walls that stop the velocity component into them.
 * Pure function of body, input, dt and map (mutates `body` only); no clocks, no randomness,
 * exact operations only (see exact-math.ts). `dtSec` must be 1 / a whole tick rate, as the
 * framework's always is.
 */
export function stepTagMovement(body: TagBody, input: TagIntent, dtSec: number, map: TagMap): void {
  const len = Math.sqrt(input.moveX * input.moveX + input.moveY * input.moveY);
  // Unit direction, and the input vector capped at length 1.
  const ux = len > 0 ? input.moveX / len : 0;
  const uy = len > 0 ? input.moveY / len : 0;
  const mx = len > 1 ? ux : input.moveX;
  const my = len > 1 ? uy : input.moveY;
  const keep = tagFrictionKeepPerTick(dtSec);
  body.vx = body.vx * keep + mx * TAG_ACCEL_PX_PER_SEC2 * dtSec;
  body.vy = body.vy * keep + my * TAG_ACCEL_PX_PER_SEC2 * dtSec;
  if (body.dashCooldown > 0) body.dashCooldown--;
  const maxSpeed = TAG_MAX_SPEED_PX_PER_SEC * (body.it ? TAG_IT_SPEED_BONUS : 1);
  let cap = maxSpeed;
  if (input.dash && body.dashCooldown === 0 && len > 0) {
    body.vx = ux * TAG_DASH_SPEED_PX_PER_SEC;
    body.vy = uy * TAG_DASH_SPEED_PX_PER_SEC;
    body.dashCooldown = TAG_DASH_COOLDOWN_TICKS;
    cap = TAG_DASH_SPEED_PX_PER_SEC;
  }
  const speed = Math.sqrt(body.vx * body.vx + body.vy * body.vy);
  if (speed > cap) {
    body.vx *= cap / speed;
    body.vy *= cap / speed;
  }
  const dx = body.vx * dtSec;
  const dy = body.vy * dtSec;
  const subSteps = Math.max(1, Math.ceil(Math.sqrt(dx * dx + dy * dy) / (TAG_RADIUS_PX / 2)));
  for (let i = 0; i < subSteps; i++) {
    body.x += dx / subSteps;
    body.y += dy / subSteps;
    for (const wall of map.walls) {
      const beforeX = body.x;
      const beforeY = body.y;
      if (pushCircleOutOfRect(body, TAG_RADIUS_PX, wall)) {
        // Lose the velocity component that pushed into the wall.
        if (body.x !== beforeX) body.vx = 0;
        if (body.y !== beforeY) body.vy = 0;
      }
    }
    const r = TAG_RADIUS_PX;
    if (body.x < r || body.x > map.widthPx - r) body.vx = 0;
    if (body.y < r || body.y > map.heightPx - r) body.vy = 0;
    body.x = Math.min(map.widthPx - r, Math.max(r, body.x));
    body.y = Math.min(map.heightPx - r, Math.max(r, body.y));
  }
  body.x = quantizePosition(body.x);
  body.y = quantizePosition(body.y);
  body.vx = quantizeVelocity(body.vx);
  body.vy = quantizeVelocity(body.vy);
}

/** Whether two runners touch (centres closer than two radii). */
export function runnersTouch(ax: number, ay: number, bx: number, by: number): boolean {
  const dx = ax - bx;
  const dy = ay - by;
  const touchPx = 2 * TAG_RADIUS_PX;
  return dx * dx + dy * dy < touchPx * touchPx;
}
