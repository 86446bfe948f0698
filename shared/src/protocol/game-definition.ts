import type { ZodType } from "zod";
import type { InputCodec } from "./input-codec.js";
import type { PosePacking } from "../schema/pose-packing.js";

/** What every predicted body has: a position in px. */
export interface BodyPosition {
  x: number;
  y: number;
}

/**
 * How a game's predicted body is read off the decoded state, copied and stepped: the part of a
 * game both sides run (the server steps its players with `step`, the owner's client predicts with
 * the very same function). Pure and Phaser-free, so it lives in the game's shared folder
 * (shared/src/games/<name>/definition.ts). `S` is the part of the decoded state the readers need
 * besides the player (e.g. a bank of packed pose words); most games read everything from the
 * player and ignore it.
 */
export interface PredictedBodyRules<P, B extends BodyPosition, I extends { seq: number; viewTick?: number }, S = unknown> {
  /** A fresh predicted body. */
  makeBody(): B;
  /**
   * The game's compact poses, if it packs positions (definePosePacking, see
   * shared/src/schema/pose-packing.ts): the server room declares the same packing, and the client
   * netcode unpacks every patch's words into the decoded entities' plain fields (e.g. `player.x`)
   * before anything reads them, exact for the own player. Leave it out when nothing is packed.
   */
  posePacking?: PosePacking;
  /** Copy the simulated fields of a decoded player (in the decoded `state`) into `into`. */
  readBody(player: P, into: B, state: S): void;
  /** Copy every simulated field of a body. */
  copyBody(from: Readonly<B>, to: B): void;
  /**
   * The shared pure step (the server runs the same one), over `dtSec`: the room's tick length in
   * seconds (1 / tickHz, as the server told the session at join), exactly the `ctx.dtSec` the
   * server steps with. Never use a constant here: a room may run at its own rate. Exact
   * operations only (lint: see docs/writing-a-room-type.md, Deterministic math).
   */
  step(body: B, input: I, dtSec: number): void;
  /** Values to interpolate for remote players, e.g. [x, y, aimRad]. */
  remoteValues(player: P, state: S): number[];
  /** Indices in remoteValues that are angles in radians. */
  angleIndices?: readonly number[];
  /**
   * For a game whose server moves bodies outside the shared step (respawns, portals): the
   * decoded player's synced teleport counter (`teleports`, bumped by `markTeleport` in the same
   * tick as the move; see shared/src/schema/teleports.ts). When the own player's counter changes
   * between two patches, the session takes that patch's state as a teleport: no correction is
   * counted and the body cuts to the new position instead of being smoothed from the old one.
   * A remote player whose counter changed is drawn as a cut too, not interpolated across the jump.
   * Leave it out if the server never teleports: then every jump is a correction.
   */
  teleportCount?(player: P, state: S): number;
  /**
   * Packs inputs into the game's binary record (sent as ClientMessage.InputPacked instead of the
   * msgpack `input` map). The session predicts the decoded (quantized) input, which is exactly
   * what the server applies.
   */
  inputCodec?: InputCodec<I>;
  /**
   * With an inputCodec: how many ticks' inputs go out together in one message (1..4, default 1).
   * Each message costs the server a socket read and a dispatch whatever its size, so 2 cuts its
   * input work about in half, for at most one tick of extra delay before an input reaches the
   * server. Prediction is unaffected: every input is applied locally at once.
   */
  inputsPerMessage?: number;
}

/**
 * One game's declaration, shared by its server room (which takes `inputSchema`, `inputCodec` and
 * `step` from it) and its client (which predicts with it and collects `serverMessages`).
 * Everything else a game is sits next to it in shared/src/games/<name>/.
 */
export interface GameDefinition<P, B extends BodyPosition, I extends { seq: number; viewTick?: number }, S = unknown>
  extends PredictedBodyRules<P, B, I, S> {
  /** The room name both sides use (the server registers the room under it; clients join it). */
  readonly name: string;
  /** The input's schema (strict; spread `tickInputFields` into it). The server validates msgpack inputs with it. */
  readonly inputSchema: ZodType<I>;
  /** Server -> client message types the client collects from the join on (e.g. the arena's "shot"). */
  readonly serverMessages?: readonly string[];
}
