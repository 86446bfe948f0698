/** Rules of soccer. Units in the names: px, px/s, px/s², ticks (of the room's tick rate). */
export const SOCCER_WIDTH_PX = 1200;
export const SOCCER_HEIGHT_PX = 720;
/** The goal mouths in the left and right edges span these y (the ball's centre must pass between them). */
export const SOCCER_GOAL_TOP_PX = 270;
export const SOCCER_GOAL_BOTTOM_PX = 450;
export const SOCCER_PLAYER_RADIUS_PX = 16;
export const SOCCER_BALL_RADIUS_PX = 10;
export const SOCCER_MAX_SPEED_PX_PER_SEC = 240;
export const SOCCER_ACCEL_PX_PER_SEC2 = 1600;
/** Velocity a player keeps per second with no input (exponential friction). */
export const SOCCER_PLAYER_KEEP_PER_SEC = 0.02;
/** Velocity the ball keeps per second (rolling friction). */
export const SOCCER_BALL_KEEP_PER_SEC = 0.35;
export const SOCCER_BALL_MAX_SPEED_PX_PER_SEC = 900;
/** Share of the normal speed the ball keeps bouncing off an edge, and off a player. */
export const SOCCER_WALL_RESTITUTION = 0.8;
export const SOCCER_PLAYER_RESTITUTION = 0.5;
export const SOCCER_KICK_SPEED_PX_PER_SEC = 720;
/** A kick reaches a ball whose edge is at most this far from the kicker's edge. */
export const SOCCER_KICK_REACH_PX = 14;
/** Ticks between two kicks of one player. */
export const SOCCER_KICK_COOLDOWN_TICKS = 30;
export const SOCCER_MAX_PLAYERS = 8;
/** The one ball's key in `state.balls`. */
export const SOCCER_BALL_ID = "ball";
/** Team 0 attacks the right goal, team 1 the left one. */
export const SOCCER_TEAMS = [{ name: "Red", color: 0xe5484d }, { name: "Blue", color: 0x3e8ef7 }] as const;
/** Kick-off spots of team 0 (left half), by the player's place in its team; team 1 mirrors them. */
export const SOCCER_KICKOFF_SPOTS = [{ x: 480, y: 360 }, { x: 320, y: 200 }, { x: 320, y: 520 }, { x: 120, y: 360 }] as const;
