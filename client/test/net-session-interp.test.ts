import { describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { PATCH_HZ, TICK_HZ, randomStream } from "@arena/shared";
import { arenaGame, ArenaPlayer, type ArenaInput, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { MAX_INTERP_DELAY_MS, NetSession } from "../src/net/index.js";
import { fakeRoom } from "./helpers/fake-room.js";

const TICK_MS = 1000 / TICK_HZ;
const PATCH_MS = 1000 / PATCH_HZ;
const TICKS_PER_PATCH = TICK_HZ / PATCH_HZ;
const idle = { moveX: 0, moveY: 0, aim: 0, fire: false };


/**
 * A NetSession on a fake room and a fake clock, driven like a page: patches (state changes) land
 * at given times between frames of a given length. No pings are answered (clock sync has no samples).
 */
function harness() {
  const state = { tick: 0, tickHz: TICK_HZ, patchHz: PATCH_HZ, players: new Map([["me", new ArenaPlayer()]]) };
  const { room, patch } = fakeRoom(state, "me");
  let nowMs = 1000;
  const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(
    room as unknown as Room<ArenaState>, arenaGame, { now: () => nowMs },
  );
  /** Frames stamped on the server timeline: render time and newest patch time at each. */
  const frames: { renderMs: number; newestMs: number; delayMs: number }[] = [];
  return {
    session,
    frames,
    /**
     * Run until `untilMs`: a frame every `frameMs`, and each patch of `patches` (server tick,
     * client arrival ms) decoded at the first moment the page is free after it arrives (between frames).
     */
    run(patches: { tick: number; arrivalMs: number }[], untilMs: number, frameMs: number): void {
      let next = 0;
      while (nowMs < untilMs) {
        while (next < patches.length && patches[next]!.arrivalMs <= nowMs) {
          state.tick = patches[next++]!.tick;
          patch();
        }
        session.frame(frameMs, () => idle);
        frames.push({ renderMs: session.renderTick * TICK_MS, newestMs: state.tick * TICK_MS, delayMs: session.interpDelayMs });
        nowMs += frameMs;
      }
    },
    get nowMs() {
      return nowMs;
    },
  };
}

/** Patches every 3 ticks arriving `latencyMs` + uniform [0, jitterMs) after their server time, in order. */
function patchesFor(fromMs: number, toMs: number, latencyMs: number, jitterMs: number, seed = 1): { tick: number; arrivalMs: number }[] {
  const random = randomStream(seed);
  const out: { tick: number; arrivalMs: number }[] = [];
  let last = -Infinity;
  for (let tick = Math.ceil(fromMs / TICK_MS / TICKS_PER_PATCH) * TICKS_PER_PATCH; tick * TICK_MS < toMs; tick += TICKS_PER_PATCH) {
    last = Math.max(last, tick * TICK_MS + latencyMs + random() * jitterMs);
    out.push({ tick, arrivalMs: last });
  }
  return out;
}

/** Frames whose render time was past the newest patch the session had (drawn by extrapolation). */
const pastNewest = (frames: { renderMs: number; newestMs: number }[]) => frames.filter((f) => f.renderMs > f.newestMs + 1e-6).length;

describe("NetSession interpolation delay (jitter buffer)", () => {
  it("on a clean link at 60 fps: at most one patch interval + 20 ms, and never drawn past the newest patch", () => {
    const h = harness();
    h.run(patchesFor(1000, 12_000, 30, 2), 11_000, 1000 / 60);
    const steady = h.frames.slice(120);
    expect(Math.max(...steady.map((f) => f.delayMs))).toBeLessThanOrEqual(PATCH_MS + 20);
    expect(pastNewest(steady)).toBe(0);
    // Really interpolating a patch interval behind, not far behind.
    expect(Math.max(...steady.map((f) => f.newestMs - f.renderMs))).toBeLessThan(PATCH_MS + 20 + 2 * TICK_MS);
  });

  it("on a clean link on a slow page (a frame every 60 ms, patches decoded between frames): still one patch interval + 20 ms", () => {
    const h = harness();
    h.run(patchesFor(1000, 12_000, 30, 2), 11_000, 60);
    const steady = h.frames.slice(40);
    expect(Math.max(...steady.map((f) => f.delayMs))).toBeLessThanOrEqual(PATCH_MS + 20);
    expect(pastNewest(steady)).toBe(0);
  });

  it("at 80 ms of jitter: ~all frames interpolate (at most 2 % past the newest patch), with a delay well under the old 2 x 50 + 2 x jitter", () => {
    const h = harness();
    h.run(patchesFor(1000, 32_000, 200, 80, 3), 31_000, 1000 / 60);
    const steady = h.frames.slice(600);
    expect(pastNewest(steady)).toBeLessThanOrEqual(steady.length * 0.02);
    expect(Math.max(...steady.map((f) => f.delayMs))).toBeLessThanOrEqual(PATCH_MS + 80 + 20);
  });

  it(`never more than MAX_INTERP_DELAY_MS (${MAX_INTERP_DELAY_MS} ms), however bad the link`, () => {
    const h = harness();
    h.run(patchesFor(1000, 22_000, 300, 700, 5), 21_000, 1000 / 60);
    expect(Math.max(...h.frames.map((f) => f.delayMs))).toBeLessThanOrEqual(MAX_INTERP_DELAY_MS);
  });

  it("when no patch comes for 600 ms, the render clock waits 100 ms past the newest patch instead of running on", () => {
    const h = harness();
    const before = patchesFor(1000, 6000, 30, 2);
    const after = patchesFor(6600, 12_000, 30, 2, 2);
    h.run([...before, ...after], 11_000, 1000 / 60);
    const worstAheadMs = Math.max(...h.frames.map((f) => f.renderMs - f.newestMs));
    expect(worstAheadMs).toBeLessThanOrEqual(100 + 1e-6);
    // Monotonic throughout, and back to interpolating within a second of the patches resuming.
    for (let i = 1; i < h.frames.length; i++) expect(h.frames[i]!.renderMs).toBeGreaterThanOrEqual(h.frames[i - 1]!.renderMs);
    const resumedAt = h.frames.findIndex((f) => f.newestMs >= after[0]!.tick * TICK_MS);
    expect(pastNewest(h.frames.slice(resumedAt + 60))).toBe(0);
  });

  it("a server stall that loses 600 ms of ticks: the remote waits (the server's world stood still), never goes back, and interpolates again within 2 s", () => {
    const h = harness();
    const before = patchesFor(1000, 6000, 30, 2);
    // The same tick timeline continues, but every patch from here on lands 600 ms later.
    const after = patchesFor(6000, 14_000, 630, 2, 2);
    h.run([...before, ...after], 13_000, 1000 / 60);
    for (let i = 1; i < h.frames.length; i++) expect(h.frames[i]!.renderMs).toBeGreaterThanOrEqual(h.frames[i - 1]!.renderMs);
    expect(Math.max(...h.frames.map((f) => f.renderMs - f.newestMs))).toBeLessThanOrEqual(100 + 1e-6);
    const resumedAt = h.frames.findIndex((f) => f.newestMs >= after[0]!.tick * TICK_MS);
    expect(pastNewest(h.frames.slice(resumedAt + 120))).toBe(0);
    expect(h.frames.at(-1)!.delayMs).toBeLessThanOrEqual(PATCH_MS + 20);
  });
});
