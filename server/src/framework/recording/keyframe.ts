import { ArraySchema, Decoder, MapSchema, Schema } from "@colyseus/schema";

/**
 * A room's state in a recording's keyframe (RecLine.Keyframe) and back.
 *
 * The schema's full encode gives the tree: which players, balls, banks exist, of which classes,
 * in which map order. It does not give every value exactly: a float32 field holds the sim's
 * double on the server but encodes as a float32, an int field set out of its range wraps, and
 * plain (unsynced) fields such as an arena player's packed x, y, aim are not encoded at all. So a
 * keyframe also holds `exact`: every number, string and boolean own field of every Schema in the
 * tree, as the server holds it (the fields the checksum walks, and the same ones it skips), and
 * the restore writes them over the decoded tree. JSON-safe: NaN and ±Infinity would come back as
 * null and -0 as 0 (no game state holds them; the checksum does not tell -0 from 0 either).
 */

/** A Schema's exact fields: key -> value, or a nested dump for a Schema / collection field. */
type ExactSchema = { [key: string]: ExactValue };
/** A MapSchema's entries in order: [key, dump]. An ArraySchema's items. */
type ExactValue = number | string | boolean | ExactSchema | [string, ExactValue][] | ExactValue[];

/** The exact own fields of the state tree (see above), leaving out the fields named in `skip`. */
export function exactFields(value: unknown, skip: ReadonlySet<string>): ExactValue | undefined {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return undefined;
  }
  if (value instanceof MapSchema) {
    const entries: [string, ExactValue][] = [];
    value.forEach((item, key) => entries.push([key, exactFields(item, skip) ?? null!]));
    return entries;
  }
  if (value instanceof ArraySchema) return Array.from(value, (item) => exactFields(item, skip) ?? null!);
  if (value instanceof Schema) {
    const out: ExactSchema = {};
    for (const key of Object.keys(value)) {
      if (skip.has(key)) continue;
      const dumped = exactFields((value as unknown as Record<string, unknown>)[key], skip);
      if (dumped !== undefined) out[key] = dumped;
    }
    return out;
  }
  return undefined;
}

/** Write `exact` (from exactFields) over the matching tree of `target`. */
function applyExact(target: unknown, exact: unknown): void {
  if (exact === null || typeof exact !== "object" || target === null || typeof target !== "object") return;
  if (target instanceof MapSchema) {
    for (const [key, item] of exact as [string, unknown][]) {
      if (item !== null && typeof item === "object") applyExact(target.get(key), item);
      else target.set(key, item);
    }
    return;
  }
  if (target instanceof ArraySchema) {
    (exact as unknown[]).forEach((item, i) => {
      if (item !== null && typeof item === "object") applyExact(target[i], item);
      else target[i] = item;
    });
    return;
  }
  const fields = target as Record<string, unknown>;
  for (const [key, value] of Object.entries(exact as Record<string, unknown>)) {
    if (value !== null && typeof value === "object") applyExact(fields[key], value);
    else fields[key] = value;
  }
}

/**
 * A new state of `like`'s class holding the keyframe's: `stateBytes` (a full schema encode)
 * decoded into a fresh instance, cloned (a decoded tree belongs to its Decoder and cannot be a
 * room's state: the clone is change-tracked like one built by hand), then `exact` written over
 * it. Fields the keyframe skipped keep their decoded (or default) values.
 */
export function restoreState<S extends Schema>(like: S, stateBytes: Uint8Array, exact: unknown): S {
  const decoded = new (like.constructor as new () => S)();
  new Decoder(decoded).decode(Buffer.from(stateBytes.buffer, stateBytes.byteOffset, stateBytes.byteLength));
  const state = decoded.clone() as S;
  applyExact(state, exact);
  return state;
}
