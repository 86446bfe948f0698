/** Longest display name, in characters. */
export const MAX_NAME_LENGTH = 16;

/**
 * A display name safe to show anyone: control, format and private-use characters removed,
 * whitespace collapsed, trimmed, at most MAX_NAME_LENGTH characters. Empty when nothing is left.
 */
export function sanitizeName(raw: unknown): string {
  if (typeof raw !== "string") return "";
  return [...raw.slice(0, 200).replace(/[\p{C}]/gu, "").replace(/\s+/g, " ").trim()].slice(0, MAX_NAME_LENGTH).join("").trim();
}
