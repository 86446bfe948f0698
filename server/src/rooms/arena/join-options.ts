import { z } from "zod";

/** Options a client may pass when joining an arena. Unknown keys are ignored. */
export const arenaJoinOptionsSchema = z.object({
  name: z.string().max(200).optional(),
});

/** Printable, trimmed, at most 16 characters; falls back to "Guest-xxxx". */
export function sanitizePlayerName(raw: unknown, sessionId: string): string {
  const parsed = arenaJoinOptionsSchema.safeParse(raw ?? {});
  const name = parsed.success ? (parsed.data.name ?? "") : "";
  // Drop control, format and private-use characters; collapse whitespace.
  const clean = name.replace(/[\p{C}]/gu, "").replace(/\s+/g, " ").trim().slice(0, 16);
  return clean || `Guest-${sessionId.slice(0, 4)}`;
}
