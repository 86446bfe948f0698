import { LobbyRoom, matchMaker, type Server } from "@colyseus/core";
import { DEFAULT_RESTART_RETRY_AFTER_MS } from "@arena/shared";
import { TickRoom, logger, wholeNumberFromEnv } from "../framework/index.js";
import { beginDraining, lockLocalRooms } from "./draining.js";
import { getLocalRooms } from "./local-rooms.js";
import { ObservedRedisPresence } from "./redis-connection.js";

export interface ShutdownOptions {
  /** Longest a SIGTERM drain waits for rooms to empty before closing them anyway, in seconds. */
  drainTimeoutSec: number;
  /** Longest the final Colyseus shutdown may take before the process exits anyway (e.g. Redis down), in seconds. */
  shutdownTimeoutSec: number;
  /**
   * How long players are asked to wait before joining again when the rooms close (the `retryAfterMs`
   * of the closing notice), in ms: about how long the process takes to come back (a process
   * manager's restart delay plus startup). In a cluster, where other processes take the players at
   * once, 0.
   */
  restartRetryAfterMs: number;
}

export const DEFAULT_DRAIN_TIMEOUT_SEC = 30;

/** `DRAIN_TIMEOUT_SEC` (default 30), `RESTART_RETRY_AFTER_MS` (default 2000, 0..30000). */
export function shutdownOptionsFromEnv(env: NodeJS.ProcessEnv): ShutdownOptions {
  const drainTimeoutSec = Number(env.DRAIN_TIMEOUT_SEC ?? DEFAULT_DRAIN_TIMEOUT_SEC);
  if (!(drainTimeoutSec >= 0)) throw new Error("DRAIN_TIMEOUT_SEC must be a number of seconds >= 0");
  const restartRetryAfterMs = wholeNumberFromEnv("RESTART_RETRY_AFTER_MS", env.RESTART_RETRY_AFTER_MS, DEFAULT_RESTART_RETRY_AFTER_MS, 0, 30_000);
  return { drainTimeoutSec, shutdownTimeoutSec: 10, restartRetryAfterMs };
}

const POLL_MS = 250;
const PROGRESS_LOG_MS = 5000;

/**
 * Signal handling of the real process (instead of Colyseus's own, which closes every room at once):
 *
 * - SIGTERM drains: /readyz turns 503, this process takes no new rooms or players (new rooms go
 *   to other processes), its game rooms run until their players leave or `drainTimeoutSec` passes;
 *   then Colyseus's graceful shutdown closes what is left and the process exits 0.
 * - SIGINT (Ctrl-C), or a second signal during a drain: graceful shutdown now, exit 0.
 * - An uncaught exception: graceful shutdown, exit 1 (what Colyseus's handler did).
 */
export function installShutdownHandlers(gameServer: Server, options: ShutdownOptions): void {
  let draining = false;
  let stopping = false;
  let skipWait = false;

  const stop = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error({ afterSec: options.shutdownTimeoutSec }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, options.shutdownTimeoutSec * 1000).unref();
    // The closing notice of every game room tells its players when to come back (onBeforeShutdown).
    for (const room of getLocalRooms()) if (room instanceof TickRoom) room.prepareShutdown(options.restartRetryAfterMs);
    const presence = matchMaker.presence;
    if (presence instanceof ObservedRedisPresence && !presence.isConnected()) {
      // Colyseus's shutdown starts with Redis writes and would wait for Redis forever. Close the
      // rooms here instead; other processes' sweeps remove this process's entries from Redis.
      logger.warn("redis unavailable: closing rooms without Colyseus's shutdown");
      await closeRoomsLocally(options.shutdownTimeoutSec * 500);
      process.exit(exitCode);
    }
    try {
      await gameServer.gracefullyShutdown(false);
    } catch (err) {
      logger.error({ err }, "error during shutdown");
    }
    logger.info({ exitCode }, "stopped");
    process.exit(exitCode);
  };

  const drainThenStop = async (): Promise<void> => {
    draining = true;
    const startedMs = Date.now();
    const deadlineMs = startedMs + options.drainTimeoutSec * 1000;
    // Not awaited: announcing needs Redis, and an outage must not hold up the drain.
    beginDraining().catch((err: unknown) => logger.warn({ err }, "draining: could not announce"));
    for (const room of getLocalRooms()) {
      if (room instanceof TickRoom) room.announceRestart(options.drainTimeoutSec);
    }
    let lastLogMs = Date.now();
    while (gameRoomCount() > 0 && Date.now() < deadlineMs && !skipWait) {
      lockLocalRooms();
      await sleep(POLL_MS);
      if (Date.now() - lastLogMs >= PROGRESS_LOG_MS) {
        lastLogMs = Date.now();
        logger.info({ rooms: gameRoomCount(), players: matchMaker.stats.local.ccu }, "draining: waiting for rooms to empty");
      }
    }
    const remaining = gameRoomCount();
    if (remaining > 0) logger.warn({ rooms: remaining, players: matchMaker.stats.local.ccu }, "draining: closing rooms that are still running");
    logger.info({ drainSec: Math.round((Date.now() - startedMs) / 100) / 10 }, "drained; shutting down");
    await stop(0);
  };

  process.on("SIGTERM", () => {
    if (!draining) {
      logger.info({ drainTimeoutSec: options.drainTimeoutSec }, "SIGTERM: draining");
      void drainThenStop();
    } else {
      logger.info("second signal: shutting down now");
      skipWait = true;
    }
  });
  process.on("SIGINT", () => {
    logger.info("SIGINT: shutting down now");
    if (draining) skipWait = true;
    else void stop(0);
  });
  process.on("uncaughtException", (err) => {
    logger.fatal({ err }, "uncaught exception; shutting down");
    void stop(1);
  });
}

/**
 * Rooms a drain waits for. Lobby rooms (room lists, no game) are not waited for: a lobby page
 * would hold one open forever. They are locked like the others and closed at shutdown.
 */
function gameRoomCount(): number {
  return getLocalRooms().filter((room) => !(room instanceof LobbyRoom)).length;
}

/** What Colyseus's shutdown does to each room (lock, onBeforeShutdown: notice and disconnect), then wait for them to close. */
async function closeRoomsLocally(timeoutMs: number): Promise<void> {
  for (const room of getLocalRooms()) {
    void room.lock().catch(() => undefined);
    room.onBeforeShutdown();
  }
  const deadlineMs = Date.now() + timeoutMs;
  while (getLocalRooms().length > 0 && Date.now() < deadlineMs) await sleep(50);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
