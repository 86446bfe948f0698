/** Rules of the arena game. Units are in the names: px, px/s, ticks (at TICK_HZ), ms. */
export const ARENA_WIDTH_PX = 1600;
export const ARENA_HEIGHT_PX = 1200;
export const PLAYER_RADIUS_PX = 16;
/** 4 px per tick at 60 Hz: a whole number of 1/16 px grid steps, so axis-aligned speed is exact. */
export const PLAYER_SPEED_PX_PER_SEC = 240;
export const MAX_HEALTH = 100;
export const SHOT_DAMAGE = 25;
export const SHOT_RANGE_PX = 1000;
export const FIRE_COOLDOWN_TICKS = 12;
export const RESPAWN_DELAY_TICKS = 120;
export const MAX_PLAYERS_PER_ROOM = 16;
/**
 * Spawn protection after a spawn or respawn, in ticks (1.5 s at 60 Hz): no damage taken, so a
 * newcomer sees the map before anyone can shoot it. Ends early when the player fires.
 */
export const SPAWN_PROTECTION_TICKS = 90;
