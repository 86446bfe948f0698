import { hashSeed } from "@arena/shared";
import {
  ARENA_MAP, PLAYER_RADIUS_PX, SHOT_RANGE_PX, isAlive, wallDistance, type ArenaInput, type ArenaState,
} from "@arena/shared/games/arena";
import { botSeed, type BotBrain, type BotInput } from "../../framework/index.js";

const IDLE: BotInput<ArenaInput> = { moveX: 0, moveY: 0, aim: 0, fire: false };
/** A bot keeps its wandering direction and strafing side this long, in ticks. */
const PHASE_TICKS = 90;
/**
 * Out of every FIRE_CYCLE_TICKS, a bot with a clear shot holds the trigger for FIRE_ON_TICKS
 * (bursts with pauses: a bot takes a few seconds to kill, not a fraction of one).
 */
const FIRE_CYCLE_TICKS = 150;
const FIRE_ON_TICKS = 60;
/** Aim wobble amplitude in radians: bots miss now and then, so a person can win a duel. */
const AIM_WOBBLE_RAD = 0.18;

/** Uniform in [0, 1) from integers. */
function unit(...parts: number[]): number {
  return hashSeed(...parts) / 4294967296;
}

/** Axes in [-1, 1] for a direction vector (normalised when longer than 1). */
function axes(vx: number, vy: number): { moveX: number; moveY: number } {
  const len = Math.hypot(vx, vy);
  const k = len > 1 ? 1 / len : 1;
  return { moveX: Math.max(-1, Math.min(1, vx * k)), moveY: Math.max(-1, Math.min(1, vy * k)) };
}

/** An angle in (-π, π]. */
function normalizeAngle(rad: number): number {
  return Math.atan2(Math.sin(rad), Math.cos(rad));
}

/**
 * Arena bot: wanders until there is someone to fight, walks toward the nearest living player,
 * and once it has a clear line of fire keeps a preferred distance, strafes, aims (with a little
 * wobble) and shoots in bursts. Deterministic in (state, botId, tick): see BotBrain. Works on
 * the server's state and on a client's decoded copy alike.
 */
export const arenaBotBrain: BotBrain<ArenaState, ArenaInput> = (state, botId, tick) => {
  const me = state.players.get(botId);
  if (!me || !isAlive(me)) return IDLE;
  const seed = botSeed(botId);
  const phase = Math.floor((tick + (seed % PHASE_TICKS)) / PHASE_TICKS);
  const side = unit(seed, phase, 1) < 0.5 ? -1 : 1;
  // Plain x, y on both sides: the simulation's on the server, unpacked from the wire on a headless client.
  const meX = me.x;
  const meY = me.y;
  let target: { x: number; y: number; dist: number } | null = null;
  for (const [id, p] of state.players) {
    if (id === botId || !isAlive(p)) continue;
    const { x, y } = p;
    const dist = Math.hypot(x - meX, y - meY);
    if (!target || dist < target.dist) target = { x, y, dist };
  }
  if (!target || target.dist === 0) {
    // Wander, drifting back toward the middle when near the edges.
    let angle = unit(seed, phase) * 2 * Math.PI;
    const cx = ARENA_MAP.widthPx / 2 - meX;
    const cy = ARENA_MAP.heightPx / 2 - meY;
    if (Math.hypot(cx, cy) > 450) angle = Math.atan2(cy, cx) + (unit(seed, phase, 2) - 0.5);
    return { ...axes(Math.cos(angle), Math.sin(angle)), aim: normalizeAngle(angle), fire: false };
  }
  const angle = Math.atan2(target.y - meY, target.x - meX);
  const ux = Math.cos(angle);
  const uy = Math.sin(angle);
  const clear = target.dist <= SHOT_RANGE_PX && wallDistance(meX, meY, angle, ARENA_MAP) >= target.dist - PLAYER_RADIUS_PX;
  if (!clear) {
    // Close in; the sideways part slides it around walls in the way.
    return { ...axes(ux - 0.6 * side * uy, uy + 0.6 * side * ux), aim: normalizeAngle(angle), fire: false };
  }
  const preferredPx = 180 + (seed % 160);
  const radial = target.dist > preferredPx + 50 ? 1 : target.dist < preferredPx - 50 ? -1 : 0;
  const wobble = AIM_WOBBLE_RAD * Math.sin(tick * 0.07 + (seed % 628) / 100);
  return {
    ...axes(radial * ux - 0.8 * side * uy, radial * uy + 0.8 * side * ux),
    aim: normalizeAngle(angle + wobble),
    fire: (tick + seed) % FIRE_CYCLE_TICKS < FIRE_ON_TICKS,
  };
};
