import { z } from "zod";

/**
 * Replays in the browser (docs/protocol.md, "Replays"): a replay room is a room of the recorded
 * game's own type that re-simulates a recording; its viewers are spectators. They may send
 * `replay_control` (besides the spectator messages) and receive `replay_status`.
 */

/** Playback speeds a replay room accepts (sim ticks per real tick). */
export const REPLAY_SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** `replay_control` (viewer to server): play at `speed`, or pause. */
export const replayControlSchema = z.strictObject({
  speed: z.union([z.literal(0.25), z.literal(0.5), z.literal(1), z.literal(2), z.literal(4)]),
  paused: z.boolean(),
});
export type ReplayControlMessage = z.infer<typeof replayControlSchema>;

/**
 * `replay_status` (server to viewers), on every change and a few times a second: where the replay
 * is, how fast it runs (a client scales its render clock by `paused ? 0 : speed`), and what the
 * checksum comparison found so far.
 */
export interface ReplayStatusMessage {
  /** The recording's id (`<room>/<file name without .rec>`). */
  recordingId: string;
  /** The last tick computed (state.tick). */
  tick: number;
  startTick: number;
  endTick: number;
  tickHz: number;
  speed: ReplaySpeed;
  paused: boolean;
  /** True once the end (or the first divergence) is reached: nothing more is simulated. */
  ended: boolean;
  /** Recorded checksums compared so far (the start's and the fast-forward's included). */
  checksums: number;
  /** Ticks this room has simulated, the fast-forward to its start included (a seek's cost). */
  ticksSimulated: number;
  /** The keyframe tick the room was restored from before its fast-forward, or null (it replayed from the start). */
  keyframeTick: number | null;
  /** The first divergence, or null while every checksum matched. */
  divergence: { tick: number; expected: number; actual: number; lastMatchTick: number } | null;
}

/** One row of `GET /recordings`. */
export interface RecordingListing {
  id: string;
  room: string;
  roomId: string;
  startedAtMs: number;
  /** Recorded ticks (end tick - start tick) and the room's tick rate. */
  ticks: number;
  tickHz: number;
  /** Everyone seated at some point, in order (bots included). */
  players: { name: string; bot: boolean }[];
  bytes: number;
  complete: boolean;
}
