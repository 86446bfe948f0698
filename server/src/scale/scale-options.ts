import type { Presence, ServerOptions } from "@colyseus/core";
import { logger } from "../framework/index.js";
import { selectProcessForNewRoom } from "./draining.js";
import { ObservedRedisDriver, ObservedRedisPresence, redisOptionsFromUrl } from "./redis-connection.js";

/** How this process shares matchmaking with others; the part of Colyseus `ServerOptions` that scale-out sets. */
export interface ScaleOptions extends Pick<ServerOptions, "presence" | "driver" | "publicAddress" | "selectProcessIdToCreateRoom"> {
  /** "local": presence and rooms in this process only. "redis": shared through Redis with other processes. */
  mode: "local" | "redis";
  /** Between sweeps for dead processes and missing listings (Redis mode), in ms. */
  sweepIntervalMs: number;
}

export const DEFAULT_SWEEP_INTERVAL_SEC = 3;

/**
 * Scale-out settings from the environment. Only `REDIS_URL` switches presence and the
 * matchmaking driver to Redis; without it everything stays in-process. `PUBLIC_ADDRESS` is the
 * host[:port][/path] clients use to reach this very process (see docs/operations.md).
 */
export function scaleFromEnv(env: NodeJS.ProcessEnv): ScaleOptions {
  const publicAddress = env.PUBLIC_ADDRESS?.trim() || undefined;
  const sweepSec = Number(env.STALE_PROCESS_SWEEP_SEC ?? DEFAULT_SWEEP_INTERVAL_SEC);
  if (!(sweepSec > 0)) throw new Error("STALE_PROCESS_SWEEP_SEC must be a positive number of seconds");
  const common = { publicAddress, selectProcessIdToCreateRoom: selectProcessForNewRoom, sweepIntervalMs: sweepSec * 1000 };
  const redisUrl = env.REDIS_URL?.trim();
  if (!redisUrl) return { mode: "local", ...common };
  if (!publicAddress) {
    logger.warn("REDIS_URL is set but PUBLIC_ADDRESS is not: clients matched to a room on another process will connect to the wrong one");
  }
  const redis = redisOptionsFromUrl(redisUrl);
  const presence: Presence = new ObservedRedisPresence(redis);
  return { mode: "redis", presence, driver: new ObservedRedisDriver(redis), ...common };
}
