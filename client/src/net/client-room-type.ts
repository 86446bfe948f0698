import type { PredictedBodyRules } from "@arena/shared";
import type { PredictedBody } from "./predictor.js";
import type { EntityCollection } from "./entity-feed.js";

/**
 * The decoded state shape the session needs: a tick, the room's rates (TickState's `tickHz`,
 * `patchHz`: set by the server at create, see room-rates.ts) and players keyed by sessionId.
 */
export interface SessionState<P> {
  tick: number;
  tickHz: number;
  patchHz: number;
  players: { forEach(cb: (player: P, id: string) => void): void; get(id: string): P | undefined };
}

/**
 * What a room type tells the client netcode: its predicted-body rules (read, copy, step; shared
 * with the server, usually a game's `GameDefinition` from shared/src/games/<name>/definition.ts)
 * plus what only the client draws. The session does the rest (sending, prediction,
 * reconciliation, interpolation, clock).
 */
export interface ClientRoomType<
  P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }, S = unknown,
> extends PredictedBodyRules<P, B, I, S> {
  /**
   * Synced collections besides the players that the session draws (a ball, pickups, projectiles,
   * NPCs), by the name of their MapSchema field in the state, e.g. `{ balls: {} }`. Each item is
   * interpolated like a remote player, on the same render clock with the same adaptive delay,
   * and cut rather than swept when its `teleports` counter changes (see EntityCollection).
   * Read them with `NetSession.sample(collection, id, out)` or `NetSession.interpolated(collection)`.
   */
  entities?: Readonly<Record<string, EntityCollection<never, S>>>;
}
