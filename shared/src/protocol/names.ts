/** Longest display name, in visible characters (grapheme clusters: a family emoji or a flag is one). */
export const MAX_NAME_LENGTH = 16;

/** Most combining marks kept on one letter: enough for any script's diacritics, not for "Zalgo" text that spills over other lines. */
export const MAX_MARKS_PER_CHARACTER = 4;

/** Longest raw input looked at, in UTF-16 code units (a name is cut long before; this only bounds the work). */
const MAX_RAW_UNITS = 400;

/** Zero-width joiner: kept only inside an emoji sequence (👨‍👩‍👧), where it makes one picture of several. */
const ZWJ = "\u200D";
/** Tag characters (U+E0020..U+E007F): kept only after a black flag, where they spell a region's flag (🏴 England). */
const TAG_CHARS = /[\u{E0020}-\u{E007F}]/gu;
/** Every control, format, private-use, surrogate or unassigned code point, except the two emoji need (joined above). */
const UNSAFE = /(?![\u200D\u{E0020}-\u{E007F}])\p{C}/gu;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const ZWJ_NOT_BEFORE_PICTURE = /\u200D(?!(?:\u{FE0F}|\p{Emoji_Modifier})*\p{Extended_Pictographic})/gu;
const MARK = /\p{M}/u;

const segmenter: { segment(text: string): Iterable<{ segment: string }> } | null =
  typeof Intl !== "undefined" && "Segmenter" in Intl ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : null;

/**
 * The visible characters of `text`: its grapheme clusters (Intl.Segmenter), so "👨‍👩‍👧‍👦", "🇫🇷"
 * and "e" + U+0301 each count as one. Where Intl.Segmenter is missing (old browsers), code points.
 */
export function graphemes(text: string): string[] {
  if (!segmenter) return [...text];
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

/** Number of visible characters in `text` (see graphemes). */
export function graphemeCount(text: string): number {
  return graphemes(text).length;
}

/** The first `max` visible characters of `text`, never splitting an emoji or a letter from its marks. */
export function cutToGraphemes(text: string, max: number): string {
  const parts = graphemes(text);
  return parts.length <= max ? text : parts.slice(0, max).join("");
}

/** One visible character made safe: joiners and tags only where an emoji uses them, at most MAX_MARKS_PER_CHARACTER marks. */
function cleanCluster(cluster: string): string {
  const picture = PICTOGRAPHIC.test(cluster);
  let out = picture ? cluster.replace(ZWJ_NOT_BEFORE_PICTURE, "") : cluster.replaceAll(ZWJ, "");
  if (!(picture && out.codePointAt(0) === 0x1f3f4)) out = out.replace(TAG_CHARS, "");
  if (!picture) {
    let marks = 0;
    out = [...out].filter((ch) => !MARK.test(ch) || ++marks <= MAX_MARKS_PER_CHARACTER).join("");
  }
  return out;
}

/**
 * A display name safe to show anyone, the same on client and server: control, format
 * (bidirectional overrides included), private-use and unassigned characters removed (the
 * zero-width joiner and tag characters only outside emoji sequences, which need them), whitespace
 * collapsed, trimmed, at most MAX_NAME_LENGTH visible characters (grapheme clusters, so an
 * emoji sequence is kept whole or not at all). Empty when nothing is left.
 */
export function sanitizeName(raw: unknown): string {
  if (typeof raw !== "string") return "";
  const text = raw.slice(0, MAX_RAW_UNITS).replace(UNSAFE, "").replace(/\s+/g, " ").trim();
  const kept = graphemes(text).map(cleanCluster).filter((c) => c !== "");
  return kept.slice(0, MAX_NAME_LENGTH).join("").trim();
}
