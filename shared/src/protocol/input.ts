import { z } from "zod";

const UINT32_MAX = 0xffffffff;

/** Fields every room type's input carries; the framework reads them. */
export const tickInputFields = {
  /** Strictly increasing per client, starting at 1. */
  seq: z.number().int().min(1).max(UINT32_MAX),
  /** Server tick the client was showing for other entities (for lag compensation). */
  viewTick: z.number().int().min(0).max(UINT32_MAX).optional(),
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

/** Input of the arena: movement axes in [-1, 1], aim in radians, fire. */
export const arenaInputSchema = z.strictObject({
  ...tickInputFields,
  moveX: z.number().min(-1).max(1),
  moveY: z.number().min(-1).max(1),
  aim: z.number().min(-2 * Math.PI).max(2 * Math.PI),
  fire: z.boolean(),
});
export type ArenaInput = z.infer<typeof arenaInputSchema>;

/** Input of tag: movement axes in [-1, 1] and a dash button. */
export const tagInputSchema = z.strictObject({
  ...tickInputFields,
  moveX: z.number().min(-1).max(1),
  moveY: z.number().min(-1).max(1),
  dash: z.boolean(),
});
export type TagInput = z.infer<typeof tagInputSchema>;
