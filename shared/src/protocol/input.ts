import { z } from "zod";

const UINT32_MAX = 0xffffffff;

/** Largest `viewAheadTicks` / `viewSpanTicks` an input carries. */
export const MAX_VIEW_TICKS = 255;

/** Fields every room type's input carries; the framework reads them. */
export const tickInputFields = {
  /** Strictly increasing per client, starting at 1. */
  seq: z.number().int().min(1).max(UINT32_MAX),
  /** Server tick the client was showing for other entities (for lag compensation). */
  viewTick: z.number().int().min(0).max(UINT32_MAX).optional(),
  /**
   * Only when the client drew others past its newest patch (extrapolating): how many ticks
   * `viewTick` is past that patch. The server then rewinds to the positions the client drew, the
   * newest patch's continued along the motion since the patch `viewSpanTicks` before it.
   */
  viewAheadTicks: z.number().int().min(1).max(MAX_VIEW_TICKS).optional(),
  /** With viewAheadTicks: ticks between the two patches the client extrapolated from. */
  viewSpanTicks: z.number().int().min(1).max(MAX_VIEW_TICKS).optional(),
};

export const pingSchema = z.strictObject({
  id: z.number().int().min(0).max(UINT32_MAX),
  clientTimeMs: z.number().min(0).max(1e13),
});
export type PingMessage = z.infer<typeof pingSchema>;

/** Answer to a server `probe`. */
export const probeReplySchema = z.strictObject({
  id: z.number().int().min(0).max(UINT32_MAX),
  /** How far behind the newest state the client draws others, beyond the one-way trip, in ms. */
  interpDelayMs: z.number().min(0).max(10_000),
});
export type ProbeReplyMessage = z.infer<typeof probeReplySchema>;

/** A spectator's choice of whose view it receives: a player's sessionId (bots' ids too). */
export const followSchema = z.strictObject({
  sessionId: z.string().min(1).max(64),
});
export type FollowMessage = z.infer<typeof followSchema>;

/** What the server tells a spectator it follows now ("" while the room has no player). */
export interface FollowingMessage {
  sessionId: string;
}

/** Join option that asks for a spectator seat (see docs/protocol.md, Spectators). */
export interface SpectateJoinOptions {
  spectate: true;
}
