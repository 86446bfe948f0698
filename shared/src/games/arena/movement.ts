import { pushCircleOutOfRect, type Point } from "../../sim/geometry.js";
import { quantizePosition } from "../../sim/quantize.js";
import { ARENA_MAP, type ArenaMap } from "./map.js";
import { PLAYER_RADIUS_PX, PLAYER_SPEED_PX_PER_SEC } from "./constants.js";

/** The part of an input that moves a player. Axes in [-1, 1]. */
export interface MoveIntent {
  moveX: number;
  moveY: number;
}

/**
 * Advance one body by one input over `dtSec`, sliding along walls.
 * Pure function of body, input, dt and map (mutates `body` only): no clocks, no randomness,
 * so the server and a predicting client get bit-identical results.
 * Sub-steps keep every move under half a radius, so no speed or angle tunnels through a wall.
 */
export function stepMovement(body: Point, input: MoveIntent, dtSec: number, map: ArenaMap): void {
  let mx = input.moveX;
  let my = input.moveY;
  const len = Math.sqrt(mx * mx + my * my);
  if (len > 1) {
    mx /= len;
    my /= len;
  }
  const dx = mx * PLAYER_SPEED_PX_PER_SEC * dtSec;
  const dy = my * PLAYER_SPEED_PX_PER_SEC * dtSec;
  const dist = Math.sqrt(dx * dx + dy * dy);
  const subSteps = Math.max(1, Math.ceil(dist / (PLAYER_RADIUS_PX / 2)));
  for (let i = 0; i < subSteps; i++) {
    body.x += dx / subSteps;
    body.y += dy / subSteps;
    for (const wall of map.walls) pushCircleOutOfRect(body, PLAYER_RADIUS_PX, wall);
    clampToArena(body, map);
  }
  body.x = quantizePosition(body.x);
  body.y = quantizePosition(body.y);
}

function clampToArena(body: Point, map: ArenaMap): void {
  const r = PLAYER_RADIUS_PX;
  body.x = Math.min(map.widthPx - r, Math.max(r, body.x));
  body.y = Math.min(map.heightPx - r, Math.max(r, body.y));
}

/** Whether an arena player is alive (health above 0): only the living move, aim, shoot and can be hit. */
export function isAlive(player: { readonly health: number }): boolean {
  return player.health > 0;
}

/** What the arena's predicted step moves: a position, and the health that says whether it may. */
export interface ArenaBody {
  x: number;
  y: number;
  health: number;
}

/**
 * The arena's predicted step, the one both sides run (the server on its players, the owner's
 * client on its prediction): dead players don't move; the living walk (stepMovement on ARENA_MAP).
 */
export function stepArenaBody(body: ArenaBody, input: MoveIntent, dtSec: number): void {
  if (isAlive(body)) stepMovement(body, input, dtSec, ARENA_MAP);
}
