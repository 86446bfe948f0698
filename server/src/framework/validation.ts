import type { ZodType } from "zod";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validate an untrusted message. Never throws; the reason is short and safe to send back. */
export function parseMessage<T>(schema: ZodType<T>, message: unknown): Parsed<T> {
  const result = schema.safeParse(message);
  if (result.success) return { ok: true, value: result.data };
  const reason = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(message)"}: ${issue.message}`)
    .join("; ");
  return { ok: false, reason: reason.slice(0, 300) };
}
