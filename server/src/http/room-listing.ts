import type express from "express";
import { matchMaker } from "@colyseus/core";

/**
 * One room as `GET /rooms/:name` lists it: what the lobby shows (id, type, players, bots, full) and where
 * the room lives (`processId`, `publicAddress`), which every seat reservation and Colyseus's
 * LobbyRoom already tell any client (colyseus.js needs them to open the room's socket), and which
 * operators and the cluster tests use to see placement. Nothing else of the room's listing.
 */
export interface ListedRoom {
  roomId: string;
  name: string;
  /** People playing in the room (bots take no client seat; spectators are not counted here). */
  clients: number;
  /** Spectators watching it (see docs/protocol.md, Spectators). */
  spectators: number;
  /** Server-side bots playing in it (see BOT_FILL); 0 without. */
  bots: number;
  maxClients: number;
  /** Full, or its process is draining: matchmaking will not put new players in it. */
  locked: boolean;
  processId: string;
  /** Where clients connect for this room (the `PUBLIC_ADDRESS` of its process), if set. */
  publicAddress: string | null;
}

/**
 * `GET /rooms/:name`: public, non-hidden rooms of that type across every process sharing the
 * matchmaking driver (all of Redis in scale-out). Colyseus 0.16's matchmaking lists nothing over
 * HTTP (GET /matchmake/* is refused) and colyseus.js 0.16 has no getAvailableRooms, so this is the listing.
 */
export function roomListingHandler(): express.RequestHandler {
  return (req, res, next) => {
    const name = String(req.params.name ?? "");
    matchMaker
      .query({ name, private: false })
      .then((rooms) => {
        const listed: ListedRoom[] = rooms
          .filter((r) => !r.unlisted)
          .map((r) => ({
            roomId: r.roomId,
            name: r.name,
            clients: r.clients,
            spectators: spectatorsOf(r.metadata),
            bots: Number((r.metadata as { bots?: unknown } | undefined)?.bots) || 0,
            maxClients: r.maxClients,
            locked: Boolean(r.locked),
            processId: r.processId,
            publicAddress: r.publicAddress ?? null,
          }));
        res.setHeader("Cache-Control", "no-store");
        res.json(listed);
      })
      .catch(next);
  };
}

/** The spectator count a TickRoom keeps in its listing metadata (0 without). */
export function spectatorsOf(metadata: unknown): number {
  return Number((metadata as { spectators?: unknown } | undefined)?.spectators) || 0;
}
