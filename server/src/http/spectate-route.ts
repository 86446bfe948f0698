import type express from "express";
import { matchMaker } from "@colyseus/core";
import { JoinErrorCode } from "@arena/shared";
import { isSeatRefusedError } from "../framework/colyseus/index.js";
import { logger } from "../framework/index.js";
import { admitSpectator } from "./admit-spectator.js";

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A refused spectator join: `{ error, code, message }` (code: the JoinErrorCode, as a matchmaking refusal carries it). */
function refuse(res: express.Response, status: number, error: string, code: number, message: string): void {
  res.status(status).setHeader("Cache-Control", "no-store");
  res.json({ error, code, message });
}

/**
 * `POST /spectate/:roomId` (Authorization: Bearer <token>): a spectator seat in that room, as a
 * Colyseus seat reservation (`{ room, sessionId }`) that colyseus.js takes up with
 * `client.consumeSeatReservation`. The same matchmaking as a player's join: the matchmaking gate
 * (token and quotas), then `matchMaker.reserveSeatFor` on whichever process runs the room (with
 * Redis, over presence), and the socket goes to that process. Why not `joinById`: Colyseus refuses
 * a locked room there, and a room full of players is locked so that quick play skips it; a
 * spectator does not take a player's seat, so a full room must still take spectators.
 * Refusals: 404 `room_not_found`; the gate's (401 `auth_failed` 4215, 429 `join_refused`
 * 4221-4223); 409 `spectators_full` (4225): every spectator seat (SPECTATORS_PER_ROOM) is taken.
 */
export function spectateHandler(): express.RequestHandler {
  return (req, res, next) => {
    const roomId = String(req.params.roomId ?? "");
    spectate(req, res, roomId).catch(next);
  };
}

async function spectate(req: express.Request, res: express.Response, roomId: string): Promise<void> {
  const listing = ROOM_ID.test(roomId) ? (await matchMaker.query({ roomId }))[0] : undefined;
  if (!listing || listing.unlisted || listing.private) {
    refuse(res, 404, "room_not_found", 0, `no room ${JSON.stringify(roomId.slice(0, 64))} to watch`);
    return;
  }
  const admitted = await admitSpectator(req);
  if ("refused" in admitted) {
    const { status, error, code, message } = admitted.refused;
    refuse(res, status, error, code, message);
    return;
  }
  const { options, auth } = admitted;
  try {
    const reservation = await matchMaker.reserveSeatFor(listing, options, auth);
    res.setHeader("Cache-Control", "no-store");
    res.json(reservation);
  } catch (err) {
    if (!isSeatRefusedError(err)) throw err;
    logger.info({ roomId }, "spectator refused: no spectator seat free");
    refuse(res, 409, "spectators_full", JoinErrorCode.SpectatorsFull, `room ${roomId} has no spectator seat free`);
  }
}
