/**
 * The one source of truth for simulation and network rates.
 * Every room type uses these unless it overrides them in its room options.
 */
export const TICK_HZ = 60;
/** Duration of one simulation tick in milliseconds. */
export const TICK_MS = 1000 / TICK_HZ;
/** Duration of one simulation tick in seconds (the fixed `dt` of every step). */
export const TICK_SEC = 1 / TICK_HZ;
/** How often the server sends state patches. */
export const PATCH_HZ = 20;
export const PATCH_MS = 1000 / PATCH_HZ;
/** Most ticks the server loop runs to catch up after a stall; the rest of the backlog is dropped. */
export const MAX_CATCH_UP_STEPS = 5;
