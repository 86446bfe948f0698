import { describe, expect, it } from "vitest";
import { randomStream } from "@arena/shared";
import { JitterBuffer, MAX_INTERP_DELAY_MS } from "../src/net/jitter-buffer.js";

const TICK_MS = 1000 / 60;
const PATCH_MS = 50;
const TICKS_PER_PATCH = 3;


interface Patch {
  tick: number;
  arrivalMs: number;
}

/**
 * Patches every 3 ticks from tick `fromTick` for `seconds`, each arriving `latencyMs` plus
 * uniform [0, jitterMs) after its server time, in order (a late one holds up the ones behind it,
 * like the link simulator and TCP).
 */
function link(seconds: number, latencyMs: number, jitterMs: number, seed = 1, fromTick = 3): Patch[] {
  const random = randomStream(seed);
  const out: Patch[] = [];
  let last = -Infinity;
  for (let tick = fromTick; tick < fromTick + seconds * 60; tick += TICKS_PER_PATCH) {
    last = Math.max(last, tick * TICK_MS + latencyMs + random() * jitterMs);
    out.push({ tick, arrivalMs: last });
  }
  return out;
}

/**
 * Feed `patches`; for each, whether it arrived after the render time needed it (the render time
 * had passed the patch before it: it was being extrapolated), judged by the playout in force when
 * it arrived.
 */
function feed(buffer: JitterBuffer, patches: readonly Patch[]): { late: boolean[]; delaysMs: number[] } {
  const late: boolean[] = [];
  const delaysMs: number[] = [];
  for (const p of patches) {
    const renderMs = buffer.renderTargetMs(p.arrivalMs);
    late.push(renderMs !== null && renderMs > (p.tick - TICKS_PER_PATCH) * TICK_MS);
    buffer.onPatch(p.tick, p.arrivalMs);
    delaysMs.push(buffer.delayMs);
  }
  return { late, delaysMs };
}

const newBuffer = () => new JitterBuffer({ tickMs: TICK_MS, patchMs: PATCH_MS });

describe("JitterBuffer", () => {
  it("on a clean link the delay is one patch interval plus the margin (at most 70 ms), and no patch is late", () => {
    const buffer = newBuffer();
    const { late, delaysMs } = feed(buffer, link(10, 40, 2));
    expect(Math.max(...delaysMs.slice(20))).toBeLessThanOrEqual(PATCH_MS + 20);
    expect(buffer.delayMs).toBeGreaterThanOrEqual(PATCH_MS);
    expect(late.slice(1).filter(Boolean)).toEqual([]);
  });

  it("at 80 ms of jitter the delay covers the spread (about 50 + 80 ms) and ~all patches come in time", () => {
    const buffer = newBuffer();
    const { late, delaysMs } = feed(buffer, link(30, 200, 80, 7));
    const steady = late.slice(100);
    expect(steady.filter(Boolean).length).toBeLessThanOrEqual(steady.length * 0.02);
    const settled = delaysMs.slice(100);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(PATCH_MS + 30);
    expect(Math.max(...settled)).toBeLessThanOrEqual(PATCH_MS + 80 + 20);
  });

  it("grows at once when patches come late, and shrinks back slowly (at most 50 ms/s) once they are on time again", () => {
    const buffer = newBuffer();
    const clean = link(5, 40, 2);
    feed(buffer, clean);
    const before = buffer.delayMs;
    expect(before).toBeLessThanOrEqual(PATCH_MS + 20);
    // For a quarter of a second every patch takes 150 ms longer.
    const next = clean.at(-1)!.tick + TICKS_PER_PATCH;
    const slow: Patch[] = [];
    for (let i = 0; i < 5; i++) slow.push({ tick: next + i * TICKS_PER_PATCH, arrivalMs: (next + i * TICKS_PER_PATCH) * TICK_MS + 40 + 150 });
    const { delaysMs: during } = feed(buffer, slow);
    // By the third (the 98th percentile of a window of ~100 patches is its second or third latest)
    // the delay covers them.
    expect(during[0]).toBeLessThan(150);
    expect(during[2]).toBeGreaterThanOrEqual(150 + PATCH_MS);
    const peak = buffer.delayMs;
    const after = link(20, 40, 2, 3, next + 5 * TICKS_PER_PATCH);
    const { delaysMs, late } = feed(buffer, after);
    expect(late.filter(Boolean)).toEqual([]);
    // Held while the late patches are in the 5 s window, then down by at most 50 ms a second.
    expect(delaysMs[Math.round(4.5 * 20)]).toBeCloseTo(peak, 0);
    // (Over each second: 50 ms, plus the 2 ms the fastest patch of the last half second wobbles by.)
    for (let i = 20; i < delaysMs.length; i++) expect(delaysMs[i - 20]! - delaysMs[i]!).toBeLessThanOrEqual(50 + 2 + 1e-9);
    expect(delaysMs.at(-1)).toBeLessThanOrEqual(PATCH_MS + 20);
  });

  it(`never asks for more than MAX_INTERP_DELAY_MS (${MAX_INTERP_DELAY_MS} ms), however bad the link`, () => {
    const buffer = newBuffer();
    const { delaysMs } = feed(buffer, link(20, 300, 600, 11));
    expect(Math.max(...delaysMs)).toBeLessThanOrEqual(MAX_INTERP_DELAY_MS);
    expect(Math.max(...delaysMs)).toBe(MAX_INTERP_DELAY_MS);
  });

  it("follows the server's timeline when it loses time in a stall (every later patch 300 ms later on the tick clock)", () => {
    const buffer = newBuffer();
    const first = link(5, 40, 2);
    feed(buffer, first);
    // The server stalled and dropped 300 ms of ticks: from here on every patch is 300 ms "later".
    const shifted = link(5, 340, 2, 5, first.at(-1)!.tick + TICKS_PER_PATCH);
    const { late, delaysMs } = feed(buffer, shifted);
    // Late only until the buffer followed: while the fastest patch of the last half second is from
    // before the step, the cap (that fastest + MAX_INTERP_DELAY_MS) holds it back.
    expect(late.slice(10).filter(Boolean)).toEqual([]);
    // The step is not jitter: once past it, the delay is small again.
    expect(Math.max(...delaysMs.slice(11))).toBeLessThanOrEqual(PATCH_MS + 20);
  });

  it("measures from when a patch was usable, and the delay from when patches were decoded", () => {
    // Frames 60 ms apart; a patch decoded between two frames was usable from the next frame on,
    // and missed by the frame before: usable from that frame's time is what the render time needs.
    const buffer = newBuffer();
    for (let tick = 3; tick < 600; tick += TICKS_PER_PATCH) {
      const decodedMs = tick * TICK_MS + 40;
      buffer.onPatch(tick, decodedMs, Math.floor(decodedMs / 60) * 60);
    }
    expect(buffer.delayMs).toBeLessThanOrEqual(PATCH_MS + 20);
    buffer.reset();
    expect(buffer.ready).toBe(false);
    expect(buffer.renderTargetMs(1000)).toBeNull();
  });
});
