import { z } from "zod";
import { tickInputFields } from "../../protocol/input.js";

/** Input of tag: movement axes in [-1, 1] and a dash button. */
export const tagInputSchema = z.strictObject({
  ...tickInputFields,
  moveX: z.number().min(-1).max(1),
  moveY: z.number().min(-1).max(1),
  dash: z.boolean(),
});
export type TagInput = z.infer<typeof tagInputSchema>;
