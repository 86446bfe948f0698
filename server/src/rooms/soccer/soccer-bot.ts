import { SOCCER_BALL_ID, SOCCER_BALL_RADIUS_PX, SOCCER_HEIGHT_PX, SOCCER_KICK_REACH_PX, SOCCER_PLAYER_RADIUS_PX, SOCCER_WIDTH_PX, type SoccerInput, type SoccerState } from "@arena/shared/games/soccer";
import { botSeed, type BotBrain, type BotInput } from "../../framework/index.js";

const IDLE: BotInput<SoccerInput> = { moveX: 0, moveY: 0, kick: false };
/** How far behind the ball (on the line from the goal it attacks) a bot lines up. */
const LINE_UP_PX = SOCCER_PLAYER_RADIUS_PX + SOCCER_BALL_RADIUS_PX + 6;
/** A bot kicks when the ball is this close and roughly between it and the goal (cosine). */
const KICK_RANGE_PX = SOCCER_PLAYER_RADIUS_PX + SOCCER_BALL_RADIUS_PX + SOCCER_KICK_REACH_PX - 2;
const KICK_ALIGNMENT = 0.8;

/**
 * Soccer bot: run to the spot behind the ball on the line to the goal it attacks (around the
 * ball, not through it), and kick when the ball is in reach and lined up with that goal. Odd bots
 * aim at the goal's upper half, even ones at its lower half. Deterministic in (state, botId, tick).
 */
export const soccerBotBrain: BotBrain<SoccerState, SoccerInput> = (state, botId) => {
  const me = state.players.get(botId);
  const ball = state.balls.get(SOCCER_BALL_ID);
  if (!me || !ball) return IDLE;
  const goalX = me.team === 0 ? SOCCER_WIDTH_PX : 0;
  const goalY = SOCCER_HEIGHT_PX / 2 + (botSeed(botId) % 2 === 0 ? 40 : -40);
  const toGoal = Math.hypot(goalX - ball.x, goalY - ball.y) || 1;
  const ux = (goalX - ball.x) / toGoal;
  const uy = (goalY - ball.y) / toGoal;
  const dx = ball.x - me.x;
  const dy = ball.y - me.y;
  const dist = Math.hypot(dx, dy) || 1;
  const aligned = (dx * ux + dy * uy) / dist;
  if (dist <= KICK_RANGE_PX && aligned >= KICK_ALIGNMENT) return { moveX: ux, moveY: uy, kick: true };
  // Behind the ball; when on the wrong side, step sideways first so as not to push it backwards.
  let tx = ball.x - ux * LINE_UP_PX;
  let ty = ball.y - uy * LINE_UP_PX;
  if (aligned < 0 && dist < 3 * LINE_UP_PX) ty += (me.y < ball.y ? -1 : 1) * 2 * LINE_UP_PX;
  const len = Math.hypot(tx - me.x, ty - me.y);
  if (len < 1) return IDLE;
  tx = (tx - me.x) / len;
  ty = (ty - me.y) / len;
  return { moveX: Math.max(-1, Math.min(1, tx)), moveY: Math.max(-1, Math.min(1, ty)), kick: false };
};
