/** Rules of the tag game. Units in the names: px, px/s, px/s², ticks (at TICK_HZ). */
export const TAG_WIDTH_PX = 1200;
export const TAG_HEIGHT_PX = 800;
export const TAG_RADIUS_PX = 14;
/** Top running speed. */
export const TAG_MAX_SPEED_PX_PER_SEC = 260;
/** Whoever is "it" runs a little faster, so the chase can end. */
export const TAG_IT_SPEED_BONUS = 1.1;
export const TAG_ACCEL_PX_PER_SEC2 = 1800;
/** Velocity kept per second with no input (exponential friction). */
export const TAG_FRICTION_KEEP_PER_SEC = 0.02;
export const TAG_DASH_SPEED_PX_PER_SEC = 600;
export const TAG_DASH_COOLDOWN_TICKS = 90;
/** A freshly tagged player cannot tag back for this long. */
export const TAG_IMMUNITY_TICKS = 60;
export const TAG_MAX_PLAYERS = 10;
