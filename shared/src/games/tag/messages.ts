import { z } from "zod";

/** Tag's own messages, both directions (a game message: see docs/writing-a-room-type.md, "Messages"). */
export const TagMessage = {
  /** Client -> server: show an emote (TagEmoteRequest); server -> everyone: who showed which (TagEmoteMessage). */
  Emote: "emote",
} as const;

/** The emotes a runner can show (keys 1-4), by index. */
export const TAG_EMOTES = ["Hi!", "Catch me!", "Nooo!", "GG"] as const;
/** Emotes one player may show per second on average (and at once). */
export const TAG_EMOTES_PER_SEC = 2;

/** Client -> server: show emote `emote` (an index into TAG_EMOTES). */
export const tagEmoteSchema = z.strictObject({
  emote: z.number().int().min(0).max(TAG_EMOTES.length - 1),
});
export type TagEmoteRequest = z.infer<typeof tagEmoteSchema>;

/** Server -> everyone in the room: `by` (a sessionId) shows emote `emote`. */
export interface TagEmoteMessage {
  by: string;
  emote: number;
}
