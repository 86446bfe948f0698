import { matchMaker } from "@colyseus/core";
import { logger } from "../framework/index.js";
import { getLocalRooms } from "./local-rooms.js";

/** Presence hash of draining processes: field = processId, value = when draining began (ms). */
export const DRAINING_KEY = "arena:draining";

let draining = false;

/** True once this process has started draining (it never stops; the process exits afterwards). */
export function isDraining(): boolean {
  return draining;
}

/**
 * Stop this process from taking new rooms and new players: announce it in presence (other
 * processes' room placement skips it) and lock its rooms (matchmaking skips locked rooms;
 * reconnections with a token still work). Rooms keep running until their players leave.
 */
export async function beginDraining(): Promise<void> {
  draining = true;
  logger.info({ processId: matchMaker.processId, rooms: matchMaker.stats.local.roomCount }, "draining: no new rooms or players");
  // Rooms lock at once in memory; their listings and the announcement reach Redis when it answers.
  lockLocalRooms();
  await announceDraining();
}

/** (Re)write this process's draining mark; also called by the sweeper after a Redis restart. */
export async function announceDraining(): Promise<void> {
  if (draining) await matchMaker.presence.hset(DRAINING_KEY, matchMaker.processId, String(Date.now()));
}

/** Lock every local room not yet locked; rooms created by a race after draining began get locked too. */
export function lockLocalRooms(): void {
  for (const room of getLocalRooms()) {
    if (room.locked) continue;
    room.lock().catch((err: unknown) => logger.warn({ err, roomId: room.roomId }, "draining: could not lock room"));
  }
}

/**
 * Where a new room goes (Colyseus `selectProcessIdToCreateRoom`): the process with the fewest
 * rooms among those not draining; on a tie this process, which saves a Redis round trip.
 * Returns undefined (Colyseus answers "no processId available") only when every known process,
 * this one included, is draining.
 */
export async function selectProcessForNewRoom(): Promise<string> {
  const [all, drainingIds] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.presence.hgetall(DRAINING_KEY)]);
  const self = matchMaker.processId;
  const candidates = all
    .filter((p) => !(drainingIds && p.processId in drainingIds) && !(p.processId === self && draining))
    .sort((a, b) => a.roomCount - b.roomCount || Number(b.processId === self) - Number(a.processId === self));
  const chosen = candidates[0]?.processId ?? (draining ? undefined : self);
  return chosen as string;
}
