import type { Client } from "colyseus.js";
import { postForSeat, type SpectatorSeat } from "./spectate.js";

/**
 * Open a replay room of recording `id` (`<room type>/<file name>`), started at tick `atTick`
 * (its start when undefined): `POST <httpBase>/replays/<id>[?at=]` with the client's token
 * (docs/protocol.md, Replays). Answers a spectator seat to take up with
 * `client.consumeSeatReservation`; rejects with a SpectateError carrying the server's error code.
 */
export async function reserveReplaySeat(client: Client, httpBase: string, id: string, atTick?: number): Promise<SpectatorSeat> {
  const path = id.split("/").map(encodeURIComponent).join("/");
  const at = atTick === undefined ? "" : `?at=${Math.max(0, Math.round(atTick))}`;
  return postForSeat(client, `${httpBase}/replays/${path}${at}`, "replay_failed", "replay refused");
}
