import type { InputCodec } from "@arena/shared";
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
 * What a room type tells the client netcode. Everything game-specific lives here;
 * the session does the rest (sending, prediction, reconciliation, interpolation, clock).
 * `S` is the part of the decoded state the readers need besides the player (e.g. a bank of
 * packed pose words); most room types read everything from the player and ignore it.
 */
export interface ClientRoomType<
  P extends { ack: number }, B extends PredictedBody, I extends { seq: number; viewTick?: number }, S = unknown,
> {
  /** A fresh predicted body. */
  makeBody(): B;
  /** Copy the simulated fields of a decoded player (in the decoded `state`) into `into`. */
  readBody(player: P, into: B, state: S): void;
  /** Copy every simulated field of a body. */
  copyBody(from: Readonly<B>, to: B): void;
  /**
   * The shared pure step (the server runs the same one), over `dtSec`: the room's tick length in
   * seconds (1 / tickHz, as the server told the session at join), exactly the `ctx.dtSec` the
   * server steps with. Never use a constant here: a room may run at its own rate.
   */
  step(body: B, input: I, dtSec: number): void;
  /** Values to interpolate for remote players, e.g. [x, y, aimRad]. */
  remoteValues(player: P, state: S): number[];
  /** Indices in remoteValues that are angles in radians. */
  angleIndices?: readonly number[];
  /**
   * For a room type whose server moves bodies outside the shared step (respawns, portals): the
   * decoded player's synced teleport counter (`teleports`, bumped by `markTeleport` in the same
   * tick as the move; see shared/src/schema/teleports.ts). When the own player's counter changes
   * between two patches, the session takes that patch's state as a teleport: no correction is
   * counted and the body cuts to the new position instead of being smoothed from the old one.
   * A remote player whose counter changed is drawn as a cut too, not interpolated across the jump.
   * Leave it out if the server never teleports: then every jump is a correction.
   */
  teleportCount?(player: P, state: S): number;
  /**
   * Synced collections besides the players that the session draws (a ball, pickups, projectiles,
   * NPCs), by the name of their MapSchema field in the state, e.g. `{ balls: {} }`. Each item is
   * interpolated like a remote player, on the same render clock with the same adaptive delay,
   * and cut rather than swept when its `teleports` counter changes (see EntityCollection).
   * Read them with `NetSession.sample(collection, id, out)` or `NetSession.interpolated(collection)`.
   */
  entities?: Readonly<Record<string, EntityCollection<never, S>>>;
  /**
   * Packs inputs into the room type's binary record (sent as ClientMessage.InputPacked instead
   * of the msgpack `input` map). The session predicts the decoded (quantized) input, which is
   * exactly what the server applies.
   */
  inputCodec?: InputCodec<I>;
  /**
   * With an inputCodec: how many ticks' inputs go out together in one message (1..4, default 1).
   * Each message costs the server a socket read and a dispatch whatever its size, so 2 cuts its
   * input work about in half, for at most one tick (1/60 s) of extra delay before an input
   * reaches the server. Prediction is unaffected: every input is applied locally at once.
   */
  inputsPerMessage?: number;
}
