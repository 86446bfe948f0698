import { ArraySchema, MapSchema, Schema } from "@colyseus/schema";

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * A cheap deterministic 32-bit hash of a room's simulation state, for recordings: the same state
 * (same values, same map insertion order) always gives the same number, on the server and in a
 * replay (Node or a browser). It walks every own field of each Schema instance, synced or plain
 * (so an arena player's unsynced, packed `x`, `y` count), MapSchema entries in order with their
 * keys, ArraySchema items; numbers by their exact 64-bit pattern, strings by their UTF-16 units.
 * Fields named in `skip` are left out anywhere in the tree: what the framework writes at patch
 * time, not at tick time (acks, pose slots and banks), would make the hash depend on when
 * patches happened. Other objects (plain Maps, class instances that are not Schema) are skipped.
 */
export function stateChecksum(state: Schema, skip: ReadonlySet<string>): number {
  return hashValue(0x811c9dc5, state, skip) >>> 0;
}

function mix(h: number, word: number): number {
  h = Math.imul(h ^ word, 0x01000193);
  return h ^ (h >>> 15);
}

function hashNumber(h: number, n: number): number {
  if ((n | 0) === n) return mix(mix(h, 1), n);
  f64[0] = n;
  return mix(mix(mix(h, 2), u32[0]!), u32[1]!);
}

function hashString(h: number, s: string): number {
  h = mix(mix(h, 3), s.length);
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

function hashValue(h: number, value: unknown, skip: ReadonlySet<string>): number {
  switch (typeof value) {
    case "number":
      return hashNumber(h, value);
    case "string":
      return hashString(h, value);
    case "boolean":
      return mix(h, value ? 5 : 4);
    case "undefined":
      return mix(h, 6);
    case "object":
      break;
    default:
      return h;
  }
  if (value === null) return mix(h, 7);
  if (value instanceof MapSchema) {
    h = mix(mix(h, 8), value.size);
    value.forEach((item, key) => {
      h = hashValue(hashString(h, key), item, skip);
    });
    return h;
  }
  if (value instanceof ArraySchema) {
    h = mix(mix(h, 9), value.length);
    for (const item of value) h = hashValue(h, item, skip);
    return h;
  }
  if (value instanceof Schema) {
    h = mix(h, 10);
    for (const key of Object.keys(value)) {
      if (skip.has(key)) continue;
      h = hashValue(hashString(h, key), (value as unknown as Record<string, unknown>)[key], skip);
    }
    return h;
  }
  return h;
}
