/** Running many processes: presence/driver selection, draining, stale-process sweeps, readiness. */
import type { Server, ServerOptions } from "@colyseus/core";
import { logger } from "../framework/index.js";
import { trackLocalRooms } from "./local-rooms.js";
import type { ScaleOptions } from "./scale-options.js";
import { startSweeper } from "./sweeper.js";

export { scaleFromEnv, DEFAULT_SWEEP_INTERVAL_SEC, type ScaleOptions } from "./scale-options.js";
export { installShutdownHandlers, shutdownOptionsFromEnv, DEFAULT_DRAIN_TIMEOUT_SEC, type ShutdownOptions } from "./shutdown.js";
export { readiness, type Readiness } from "./readiness.js";
export { isDraining } from "./draining.js";

/** The part of Colyseus `ServerOptions` that scale-out sets (nothing without `scale`). */
export function scaleServerOptions(scale: ScaleOptions | undefined): Partial<ServerOptions> {
  if (!scale) return {};
  const { presence, driver, publicAddress, selectProcessIdToCreateRoom } = scale;
  return { presence, driver, publicAddress, selectProcessIdToCreateRoom };
}

let stopSweeper: (() => void) | undefined;

/**
 * Wire scale-out services into a new `Server`: call after constructing it and before defining
 * room types. Tracks local rooms (for draining and re-listing) and, in Redis mode, starts the
 * sweeper that removes dead processes (it waits for the matchmaker to be ready by itself).
 */
export function attachScale(gameServer: Server, scale: ScaleOptions | undefined): void {
  trackLocalRooms(gameServer);
  stopSweeper?.();
  stopSweeper = undefined;
  if (!scale) return;
  logger.info({ mode: scale.mode, publicAddress: scale.publicAddress ?? null }, "matchmaking");
  if (scale.mode === "redis") stopSweeper = startSweeper({ intervalMs: scale.sweepIntervalMs });
}
