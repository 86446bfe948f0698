import { describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { PATCH_HZ, TICK_HZ } from "@arena/shared";
import { arenaGame, ArenaPlayer, type ArenaInput, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { NetSession, ReplayClock } from "../src/net/index.js";
import { readJoinTarget, replayLink } from "../src/game/common/launch-options.js";
import { fakeRoom } from "./helpers/fake-room.js";

const TICK_MS = 1000 / TICK_HZ;
const PATCH_MS = 1000 / PATCH_HZ;
const TICKS_PER_PATCH = TICK_HZ / PATCH_HZ;
const FRAME_MS = 1000 / 60;

describe("ReplayClock", () => {
  it("runs at its scale, stands still at 0, and never jumps when the scale changes", () => {
    let real = 100;
    const clock = new ReplayClock(() => real);
    const t0 = clock.now();
    real += 1000;
    expect(clock.now() - t0).toBeCloseTo(1000);
    clock.setScale(2);
    expect(clock.now() - t0).toBeCloseTo(1000);
    real += 500;
    expect(clock.now() - t0).toBeCloseTo(2000);
    clock.setScale(0);
    real += 5000;
    expect(clock.now() - t0).toBeCloseTo(2000);
    clock.setScale(0.25);
    real += 400;
    expect(clock.now() - t0).toBeCloseTo(2100);
  });
});

describe("?replay=<id> links", () => {
  it("read as a watch target carrying the recording id (and a tick); malformed ids are ignored", () => {
    const link = new URL(replayLink("http://example.test", "arena/2026-12-02T03-52-12-587Z-p5hFppskp"));
    expect(readJoinTarget(link.searchParams)).toEqual({ kind: "watch", roomName: "", roomId: "", replay: { id: "arena/2026-12-02T03-52-12-587Z-p5hFppskp", atTick: undefined } });
    expect(readJoinTarget(new URLSearchParams("?replay=arena/x&at=120"))).toMatchObject({ replay: { id: "arena/x", atTick: 120 } });
    expect(readJoinTarget(new URLSearchParams("?replay=arena/..%2F..%2Fetc"))).toBeNull();
    expect(readJoinTarget(new URLSearchParams("?replay=/etc/passwd"))).toBeNull();
    expect(readJoinTarget(new URLSearchParams("?replay=arena"))).toBeNull();
  });
});

/**
 * A watching NetSession fed a replay room's patches at `speed` (each real patch interval carries
 * speed x TICKS_PER_PATCH ticks), with or without a ReplayClock at that speed: render ticks per
 * real second, and the biggest jump of the render tick in one frame.
 */
function watchReplay(speed: number, withClock: boolean): { ticksPerSec: number; maxStepTicks: number; backSteps: number } {
  const state = { tick: 0, tickHz: TICK_HZ, patchHz: PATCH_HZ, players: new Map([["bot-1", new ArenaPlayer()]]) };
  const { room, patch } = fakeRoom(state, "viewer");
  let real = 1000;
  const clock = new ReplayClock(() => real);
  clock.setScale(speed);
  const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(
    room as unknown as Room<ArenaState>, arenaGame, withClock ? { watching: true, replayClock: clock } : { watching: true, now: () => real },
  );
  const idle = { moveX: 0, moveY: 0, aim: 0, fire: false };
  let nextPatchMs = real;
  const samples: { real: number; tick: number }[] = [];
  while (real < 1000 + 10_000) {
    while (nextPatchMs <= real) {
      state.tick += speed * TICKS_PER_PATCH;
      patch();
      nextPatchMs += PATCH_MS;
    }
    session.frame(FRAME_MS, () => idle);
    samples.push({ real, tick: session.renderTick });
    real += FRAME_MS;
  }
  // The last 5 s (after warm-up).
  const tail = samples.slice(Math.floor(samples.length / 2));
  let maxStepTicks = 0;
  let backSteps = 0;
  for (let i = 1; i < tail.length; i++) {
    const d = tail[i]!.tick - tail[i - 1]!.tick;
    maxStepTicks = Math.max(maxStepTicks, d);
    if (d < -1e-9) backSteps++;
  }
  const first = tail[0]!, last = tail.at(-1)!;
  return { ticksPerSec: (last.tick - first.tick) / ((last.real - first.real) / 1000), maxStepTicks, backSteps };
}

describe("a replay viewer's NetSession on a ReplayClock", () => {
  for (const speed of [0.25, 0.5, 2, 4]) {
    it(`draws a ${speed}x replay at ${speed}x the tick rate, smoothly (no snap, never back)`, () => {
      const r = watchReplay(speed, true);
      expect(r.ticksPerSec).toBeGreaterThan(speed * TICK_HZ * 0.97);
      expect(r.ticksPerSec).toBeLessThan(speed * TICK_HZ * 1.03);
      expect(r.backSteps).toBe(0);
      // One frame's worth at that speed, plus the render clock's 10% slew.
      expect(r.maxStepTicks).toBeLessThan(speed * (FRAME_MS / TICK_MS) * 1.15);
    });
  }

  it("without it (a plain session), a 4x replay is drawn in snaps: what the ReplayClock is for", () => {
    const r = watchReplay(4, false);
    expect(r.maxStepTicks).toBeGreaterThan(4 * (FRAME_MS / TICK_MS) * 2);
  });
});
