/**
 * Seeded PRNG (mulberry32). Pure: the next value depends only on the seed/state
 * passed in, so server and client draw the same numbers from the same seed.
 */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, state: next };
}

/** The same generator as a stream of values in [0, 1) from `seed` (for code that keeps its own state). */
export function randomStream(seed: number): () => number {
  let state = seed | 0;
  return () => {
    const r = nextRandom(state);
    state = r.state;
    return r.value;
  };
}

/** Mix integers (e.g. tick and seq) into a seed. */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h ^= h >>> 13;
  }
  return h >>> 0;
}
