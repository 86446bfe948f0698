import type { Client, Room } from "colyseus.js";

/** A refused spectator seat: `code` is the JoinErrorCode (4215, 4221-4223, 4225) or 0 (room not found). */
export class SpectateError extends Error {
  constructor(readonly code: number, readonly error: string, message: string) {
    super(message);
    this.name = "SpectateError";
  }
}

/**
 * Watch room `roomId` as a spectator (docs/protocol.md, Spectators): `POST <httpBase>/spectate/<roomId>`
 * with the client's token, then colyseus.js takes up the seat reservation it answers (the socket
 * goes to the room's own process). Rejects with a SpectateError when refused. Start the
 * NetSession on the room with `watching: true`.
 */
export async function watchRoom<S>(client: Client, httpBase: string, roomId: string): Promise<Room<S>> {
  return client.consumeSeatReservation<S>((await reserveSpectatorSeat(client, httpBase, roomId)) as never);
}

/** A spectator seat reservation as `POST /spectate/<roomId>` answers it; `room.name` is the room type. */
export interface SpectatorSeat {
  room: { name: string; roomId: string };
  sessionId: string;
}

/**
 * Only the first half of watchRoom: reserve the seat (rejects with a SpectateError when refused).
 * Take it up with `client.consumeSeatReservation(seat)` within the server's seat reservation time
 * (COLYSEUS_SEAT_RESERVATION_TIME, default 15 s). The page uses it to learn the room type
 * (`seat.room.name`) before it loads that game's scene.
 */
export async function reserveSpectatorSeat(client: Client, httpBase: string, roomId: string): Promise<SpectatorSeat> {
  return postForSeat(client, `${httpBase}/spectate/${encodeURIComponent(roomId)}`, "spectate_failed", "spectating refused");
}

/**
 * POST `url` with the client's token for a spectator seat (the answer of /spectate and /replays);
 * a refusal rejects with a SpectateError carrying the server's code (`fallbackCode` and
 * `refusedText` when the answer names none).
 */
export async function postForSeat(client: Client, url: string, fallbackCode: string, refusedText: string): Promise<SpectatorSeat> {
  const res = await fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${client.auth.token ?? ""}` },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: string; code?: number; message?: string };
  if (!res.ok) throw new SpectateError(Number(body.code) || 0, body.error ?? fallbackCode, body.message ?? `${refusedText} (HTTP ${res.status})`);
  const seat = body as Partial<SpectatorSeat>;
  if (typeof seat.room?.name !== "string" || typeof seat.sessionId !== "string") throw new SpectateError(0, fallbackCode, "the server's seat reservation could not be read");
  return seat as SpectatorSeat;
}
