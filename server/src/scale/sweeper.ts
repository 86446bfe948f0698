import { matchMaker, updateLobby, type IRoomCache } from "@colyseus/core";
import { removeFromLobbies } from "../framework/colyseus/index.js";
import { logger } from "../framework/index.js";
import { DRAINING_KEY, announceDraining, isDraining } from "./draining.js";
import { getLocalRooms } from "./local-rooms.js";

/** Colyseus's set of `processId/host:port` entries (core/src/discovery). */
const NODES_KEY = "colyseus:nodes";

export interface SweeperOptions {
  /** Time between sweeps, in ms. */
  intervalMs: number;
}

/**
 * Keeps the shared matchmaking data in Redis true, from every process:
 *
 * - Dead processes. Colyseus 0.16 health-checks other processes only when a process starts
 *   (`healthCheckAllProcesses`) or when a seat reservation on them times out, so a SIGKILLed
 *   process's rooms would stay listed. Each sweep takes every process id known to Redis (room
 *   counts, room listings, draining marks, discovery nodes) whose `p:<processId>` channel has no
 *   subscriber, asks it over IPC (`healthCheckProcessId`, `COLYSEUS_PRESENCE_SHORT_TIMEOUT`, 2 s)
 *   and removes its rooms and entries when it does not answer. A dead process leaves the listing
 *   within about one interval plus that timeout.
 *   Lobbies (LobbyRoom) are told the dead rooms are gone.
 * - This process after a Redis restart (data lost) or a wrong verdict: re-lists its own rooms
 *   (and tells lobbies), room count and draining mark when they are missing.
 *
 * Returns a function that stops the sweeps.
 */
export function startSweeper(options: SweeperOptions): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running || matchMaker.state !== matchMaker.MatchMakerState.READY) return;
    running = true;
    sweepOnce()
      .catch((err: unknown) => logger.warn({ err }, "sweep of stale processes failed"))
      .finally(() => {
        running = false;
      });
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** One sweep: drop dead processes, then make sure this process is listed. */
export async function sweepOnce(): Promise<void> {
  const { presence, driver, stats, processId: self } = matchMaker;
  const [channels, counts, listed, draining, nodes] = await Promise.all([
    presence.channels("p:*"),
    stats.fetchAll(),
    driver.query({}),
    presence.hgetall(DRAINING_KEY),
    presence.smembers(NODES_KEY),
  ]);
  const live = new Set(channels.map((c) => c.slice(2)));
  const known = new Set<string>([
    ...counts.map((c) => c.processId),
    ...listed.map((r) => r.processId),
    ...Object.keys(draining ?? {}),
    ...nodes.map((n) => n.split("/")[0] ?? ""),
  ]);
  const suspects = [...known].filter((id) => id && id !== self && !live.has(id));
  await Promise.all(suspects.map((id) => removeIfDead(id, listed.filter((r) => r.processId === id), nodes)));

  if (matchMaker.state !== matchMaker.MatchMakerState.READY) return;
  const listedIds = new Set(listed.map((r) => r.roomId));
  const unlisted = getLocalRooms().filter((room) => !listedIds.has(room.roomId));
  if (unlisted.length > 0) {
    logger.warn({ rooms: unlisted.length }, "re-listing this process's rooms missing from Redis");
    await Promise.all(unlisted.map(async (room) => {
      await room.listing.save();
      updateLobby(room);
    }));
  }
  if (!counts.some((c) => c.processId === self)) await stats.persist(true);
  if (isDraining() && !(draining && self in draining)) await announceDraining();
}

async function removeIfDead(processId: string, listedRooms: IRoomCache[], nodes: string[]): Promise<void> {
  const alive = (await matchMaker.healthCheckProcessId(processId)) as boolean;
  if (alive) return;
  // healthCheckProcessId removes rooms only if the process still had a room count; do it anyway.
  await matchMaker.driver.cleanup?.(processId);
  await matchMaker.stats.excludeProcess(processId);
  await matchMaker.presence.hdel(DRAINING_KEY, processId);
  for (const node of nodes) if (node.startsWith(`${processId}/`)) await matchMaker.presence.srem(NODES_KEY, node);
  // Live lobbies (LobbyRoom, on any process) drop the dead rooms from their lists.
  for (const listing of listedRooms) removeFromLobbies(listing);
  logger.warn({ processId, rooms: listedRooms.length }, "process did not answer its health check; removed it and its rooms from matchmaking");
}
