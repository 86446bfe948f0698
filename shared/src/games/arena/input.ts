import { z } from "zod";
import { tickInputFields } from "../../protocol/input.js";

/** Input of the arena: movement axes in [-1, 1], aim in radians, fire. */
export const arenaInputSchema = z.strictObject({
  ...tickInputFields,
  moveX: z.number().min(-1).max(1),
  moveY: z.number().min(-1).max(1),
  aim: z.number().min(-2 * Math.PI).max(2 * Math.PI),
  fire: z.boolean(),
});
export type ArenaInput = z.infer<typeof arenaInputSchema>;
