/**
 * The lag-compensation policy, shared so the client can stay inside it. The server rewinds
 * targets for a shot to the tick the shooter was drawing them at, covering:
 *
 * - the shooter's latency (round trip, plus the time the input waited in its batch), up to
 *   LAG_COMP_MAX_LATENCY_MS: beyond that the shooter must lead the target by the difference;
 * - the shooter's interpolation delay (how far behind the newest snapshot it draws others), up
 *   to MAX_INTERP_DELAY_MS: the client never interpolates further back than that, so this part
 *   is always covered in full.
 *
 * The server bounds each shot's view time by the latency it measured itself for that client and
 * the interpolation delay the client reports (capped), so a client cannot claim the whole window
 * when its link does not need it. Details and numbers in docs/protocol.md.
 */

/**
 * Latency (round trip + input batching) the server compensates at most, in ms. The round trip
 * as measured includes the browser's event loop (a message waits for the frame being drawn),
 * which on a busy machine adds a frame or more each way: a 200 ms network round trip with 30 ms
 * of jitter measured 300-400 ms in headless Chromium on the 2-core test machine.
 */
export const LAG_COMP_MAX_LATENCY_MS = 500;

/** Interpolation delay the client uses at most and the server compensates in full, in ms. */
export const MAX_INTERP_DELAY_MS = 300;

/**
 * Furthest a client draws others past its newest patch, in patch intervals: it continues their
 * last motion (extrapolates) rather than stop them when a patch is late. A shot fired from such a
 * frame carries how far ahead it was (tickInputFields' viewAheadTicks), and the server resolves
 * it against the same extrapolation of its own history, up to this far (extrapolatedView).
 */
export const MAX_EXTRAPOLATE_PATCHES = 2;

/**
 * The longest extrapolation a client draws, in whole ticks, at a room's rates: MAX_EXTRAPOLATE_PATCHES
 * patch intervals, rounded up. Both sides use it: the client claims no more, the server honours no more.
 */
export function maxExtrapolateTicks(tickMs: number, patchMs: number): number {
  return Math.ceil((MAX_EXTRAPOLATE_PATCHES * patchMs) / tickMs - 1e-9);
}
