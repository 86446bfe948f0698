import { hashSeed } from "@arena/shared";
import { TAG_MAP, type TagInput, type TagState } from "@arena/shared/games/tag";
import { botSeed, type BotBrain, type BotInput } from "../../framework/index.js";

const IDLE: BotInput<TagInput> = { moveX: 0, moveY: 0, dash: false };
/** A bot keeps its wandering direction and dodging side this long, in ticks. */
const PHASE_TICKS = 80;
/** Runners flee once "it" is this close; beyond it they wander. */
const FLEE_RANGE_PX = 380;
/** "it" dashes at a runner this close; a runner dashes away from "it" this close. */
const CHASER_DASH_PX = 140;
const RUNNER_DASH_PX = 90;
/** Within this many px of the field's edge a runner is pushed back inward. */
const EDGE_MARGIN_PX = 120;

interface Seen {
  dx: number;
  dy: number;
  dist: number;
}

/** Axes in [-1, 1] for a direction vector (normalised when longer than 1). */
function axes(vx: number, vy: number): { moveX: number; moveY: number } {
  const len = Math.hypot(vx, vy);
  const k = len > 1 ? 1 / len : 1;
  return { moveX: Math.max(-1, Math.min(1, vx * k)), moveY: Math.max(-1, Math.min(1, vy * k)) };
}

/** A push away from the edges, growing to 1 at the edge itself (so fleeing runners are not cornered). */
function edgePush(x: number, y: number): { x: number; y: number } {
  const push = (d: number) => Math.max(0, 1 - d / EDGE_MARGIN_PX);
  return { x: push(x) - push(TAG_MAP.widthPx - x), y: push(y) - push(TAG_MAP.heightPx - y) };
}

/**
 * Tag bot: when it is "it", chase the nearest runner and dash when close; otherwise flee from
 * "it" (away from it, off the edges, dashing when it gets close), or wander while it is far.
 * Deterministic in (state, botId, tick): see BotBrain.
 */
export const tagBotBrain: BotBrain<TagState, TagInput> = (state, botId, tick) => {
  const me = state.players.get(botId);
  if (!me) return IDLE;
  const seed = botSeed(botId);
  const phase = Math.floor((tick + (seed % PHASE_TICKS)) / PHASE_TICKS);
  let nearest: Seen | null = null;
  let chaser: Seen | null = null;
  for (const [id, p] of state.players) {
    if (id === botId) continue;
    const seen = { dx: p.x - me.x, dy: p.y - me.y, dist: Math.hypot(p.x - me.x, p.y - me.y) };
    if (p.it) chaser = seen;
    if (!nearest || seen.dist < nearest.dist) nearest = seen;
  }
  if (me.it) {
    if (!nearest || nearest.dist === 0) return IDLE;
    return { ...axes(nearest.dx / nearest.dist, nearest.dy / nearest.dist), dash: nearest.dist < CHASER_DASH_PX };
  }
  const edge = edgePush(me.x, me.y);
  if (chaser && chaser.dist < FLEE_RANGE_PX && chaser.dist > 0) {
    const side = hashSeed(seed, phase) % 2 === 0 ? -1 : 1;
    const awayX = -chaser.dx / chaser.dist;
    const awayY = -chaser.dy / chaser.dist;
    // Away and a little sideways (not a straight line the chaser can cut), and off the edges.
    return {
      ...axes(awayX - 0.35 * side * awayY + 1.5 * edge.x, awayY + 0.35 * side * awayX + 1.5 * edge.y),
      dash: chaser.dist < RUNNER_DASH_PX,
    };
  }
  const angle = (hashSeed(seed, phase, 7) / 4294967296) * 2 * Math.PI;
  return { ...axes(0.5 * Math.cos(angle) + edge.x, 0.5 * Math.sin(angle) + edge.y), dash: false };
};
