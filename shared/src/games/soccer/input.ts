import { z } from "zod";
import { tickInputFields } from "../../protocol/input.js";

/** Input of soccer: movement axes in [-1, 1] and a kick button. */
export const soccerInputSchema = z.strictObject({
  ...tickInputFields,
  moveX: z.number().min(-1).max(1),
  moveY: z.number().min(-1).max(1),
  kick: z.boolean(),
});
export type SoccerInput = z.infer<typeof soccerInputSchema>;
