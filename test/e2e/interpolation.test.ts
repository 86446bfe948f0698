import { afterAll, expect, it } from "vitest";
import { PATCH_MS, TICK_MS } from "@arena/shared";
import type { GamePage } from "./helpers/browser.js";
import { recordFrames, until, waitForReady, type FrameSample } from "./helpers/game.js";
import { Mover, freeCircle, type CirclePlan, type TrackPoint } from "./helpers/mover.js";
import { e2eSuite } from "./helpers/suite.js";

/** Radius of the scripted remote's circle: at 240 px/s one lap takes about 2.1 s. */
const CIRCLE_RADIUS_PX = 80;
/** How long each page's frames are recorded. */
const RECORD_MS = 10_000;
/**
 * Most the interpolation delay may be on a link without added lag or jitter: one patch interval
 * (a patch must have arrived on both sides of the render time) plus a small margin.
 */
const CLEAN_DELAY_BOUND_MS = PATCH_MS + 20;
/**
 * A drawn position that moved less than this between two frames counts as frozen (positions are
 * on a 1/16 px grid on the server; an interpolated remote moving at 240 px/s moves ~4 px a frame).
 */
const FROZEN_PX = 1e-6;
/** Angular progress below this between two frames counts as a step backwards (radians). */
const BACKWARD_RAD = -1e-6;

/** What a page drew of the circling remote, frame by frame. */
interface CircleRun {
  frames: number;
  seconds: number;
  /** Total angular progress around the circle, radians. */
  progressRad: number;
  backward: number;
  worstBackRad: number;
  /** Frames drawn at the same position as the frame before, while the server had it moving. */
  frozen: number;
  /** Longest run of consecutive such frames. */
  longestFrozenRun: number;
  /** Frozen frames whose render time fell between two patches where the server had it standing (the mover's input stream starved: not interpolation's fault). */
  serverStill: number;
  /** Frames whose render time was past the newest patch the page had (drawn by extrapolation or held). */
  pastNewest: number;
  delayMs: { min: number; median: number; max: number };
}

function wrapAngle(rad: number): number {
  let d = rad % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/**
 * Frame by frame: angular progress of the drawn remote around the circle's center (never
 * negative), frames where it did not move, and whether the server itself had it standing at that
 * render time (from the mover's own patches: tick and position).
 */
function analyse(frames: FrameSample[], plan: CirclePlan, track: readonly TrackPoint[]): CircleRun {
  const angle = (f: FrameSample) => Math.atan2(f.remote!.y - plan.center.y, f.remote!.x - plan.center.x);
  const serverStillAt = (renderTick: number): boolean => {
    for (let i = 1; i < track.length; i++) {
      const a = track[i - 1]!;
      const b = track[i]!;
      if (a.tick <= renderTick && renderTick <= b.tick) return a.x === b.x && a.y === b.y;
    }
    return false;
  };
  let progressRad = 0;
  let backward = 0;
  let worstBackRad = 0;
  let frozen = 0;
  let run = 0;
  let longestFrozenRun = 0;
  let serverStill = 0;
  let pastNewest = 0;
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i]!;
    const prev = frames[i - 1]!;
    const step = wrapAngle(angle(f) - angle(prev));
    progressRad += step;
    if (f.renderTick > f.serverTick) pastNewest++;
    if (step < BACKWARD_RAD) {
      backward++;
      worstBackRad = Math.min(worstBackRad, step);
      console.info(`[e2e] backwards at frame ${i}: ${JSON.stringify(frames.slice(Math.max(0, i - 3), i + 3).map((s) => [Math.round(s.t), +angle(s).toFixed(4), +s.renderTick.toFixed(2), s.serverTick]))}`);
    }
    const still = Math.hypot(f.remote!.x - prev.remote!.x, f.remote!.y - prev.remote!.y) < FROZEN_PX;
    if (still && serverStillAt(f.renderTick)) {
      serverStill++;
      run = 0;
    } else if (still) {
      frozen++;
      console.info(`[e2e] frozen at frame ${i}: [t, renderTick, serverTick, delay] ${JSON.stringify(frames.slice(Math.max(0, i - 2), i + 2).map((s) => [Math.round(s.t), +s.renderTick.toFixed(2), s.serverTick, Math.round(s.interpDelayMs)]))}`);
      run++;
      longestFrozenRun = Math.max(longestFrozenRun, run);
    } else {
      run = 0;
    }
  }
  const delays = frames.map((f) => f.interpDelayMs).sort((a, b) => a - b);
  return {
    frames: frames.length,
    seconds: (frames.at(-1)!.t - frames[0]!.t) / 1000,
    progressRad, backward, worstBackRad, frozen, longestFrozenRun, serverStill, pastNewest,
    delayMs: { min: delays[0]!, median: delays[delays.length >> 1]!, max: delays.at(-1)! },
  };
}

function describeRun(label: string, r: CircleRun): string {
  return `[e2e] ${label}: ${r.frames} frames in ${r.seconds.toFixed(2)} s, ${(r.progressRad / (2 * Math.PI)).toFixed(2)} laps, ` +
    `backward steps ${r.backward} (worst ${r.worstBackRad.toFixed(4)} rad), frozen frames ${r.frozen} (longest run ${r.longestFrozenRun}), ` +
    `frozen while the server had it standing ${r.serverStill}, frames past the newest patch ${r.pastNewest}, ` +
    `interp delay min/median/max ${r.delayMs.min.toFixed(0)}/${r.delayMs.median.toFixed(0)}/${r.delayMs.max.toFixed(0)} ms`;
}

// A scripted remote player runs circles (one input per tick, a few queued ahead on the server);
// pages behind a clean link and behind simulated bad links (?lag=&jitter=, the client's transport
// shim) watch it and record where they draw it on every rendered frame. Read only through window.__game.
e2eSuite("interpolation of a remote player running circles", {}, (env) => {
  let mover: Mover | null = null;
  let plan: CirclePlan;
  let roomId = "";
  afterAll(async () => {
    await mover?.leave();
  });

  /** Open a page with `params`, watch the circling mover for RECORD_MS and analyse every frame. */
  async function watch(name: string, params: Record<string, string>): Promise<{ page: GamePage; run: CircleRun }> {
    const page = await env().open({ name, params, viewport: { width: 800, height: 500 } });
    const me = await waitForReady(page.page);
    expect(me.roomId, "the page quick-played into the mover's room").toBe(roomId);
    const m = mover!;
    await until(() => page.page.evaluate((id) => window.__game!.remote(id), m.id), (p) => p !== null, 10_000, "the page drawing the mover");
    // Let clock sync and the jitter measurement see a few seconds of patches first.
    await new Promise((r) => setTimeout(r, 3000));
    const track = m.track();
    try {
      const frames = (await recordFrames(page.page, RECORD_MS, m.id)).filter((f) => f.remote);
      return { page, run: analyse(frames, plan, track) };
    } finally {
      // One page renders at a time (this machine has 2 cores).
      await page.close();
    }
  }

  it(`clean link: the interpolation delay is at most one patch interval + ${CLEAN_DELAY_BOUND_MS - PATCH_MS} ms`, async () => {
    const page = await env().open({ name: "clean", viewport: { width: 800, height: 500 } });
    const me = await waitForReady(page.page);
    roomId = me.roomId;
    mover = await Mover.join(env().server.httpUrl, roomId, "circler");
    const from = mover.position();
    // Long enough for every test here (and a lap more), checked with the shared movement step.
    const found = freeCircle(from.x, from.y, CIRCLE_RADIUS_PX, Math.ceil(120_000 / TICK_MS));
    expect(found, `a free circle of radius ${CIRCLE_RADIUS_PX} px through the mover's spawn (${from.x}, ${from.y})`).not.toBeNull();
    plan = found!;
    mover.circle(plan);
    console.info(`[e2e] mover circles around (${plan.center.x.toFixed(1)}, ${plan.center.y.toFixed(1)}), radius ${plan.radiusPx} px, ` +
      `${(2 * Math.PI / plan.stepRad).toFixed(0)} ticks a lap`);
    await until(() => page.page.evaluate((id) => window.__game!.remote(id), mover!.id), (p) => p !== null, 10_000, "the page drawing the mover");
    await new Promise((r) => setTimeout(r, 3000));
    const track = mover.track();
    let frames: FrameSample[];
    try {
      frames = (await recordFrames(page.page, 4000, mover.id)).filter((f) => f.remote);
    } finally {
      await page.close();
    }
    const run = analyse(frames, plan, track);
    console.info(describeRun("clean link", run));
    expect(frames.length).toBeGreaterThan(4 * 15);
    expect(run.delayMs.max, "interp delay on a clean link").toBeLessThanOrEqual(CLEAN_DELAY_BOUND_MS);
    expect(run.backward).toBe(0);
    expect(page.consoleErrors()).toEqual([]);
  });

  it("?lag=200&jitter=30: 10 s of circles never drawn stepping backwards, at most 1 frozen frame", async () => {
    const { page, run } = await watch("lag200", { lag: "200", jitter: "30" });
    console.info(describeRun("lag 200 jitter 30", run));
    expectRealRun(run, plan);
    expect(run.backward).toBe(0);
    expect(run.frozen).toBeLessThanOrEqual(1);
    expect(page.consoleErrors()).toEqual([]);
  });

  it("?lag=400&jitter=80: 10 s of circles never frozen for more than 2 frames in a row", async () => {
    const { page, run } = await watch("lag400", { lag: "400", jitter: "80" });
    console.info(describeRun("lag 400 jitter 80", run));
    expectRealRun(run, plan);
    expect(run.longestFrozenRun).toBeLessThanOrEqual(2);
    expect(page.consoleErrors()).toEqual([]);
  });
});

/**
 * The recording shows what it claims to: many frames, the remote going round at about its speed,
 * and the server moving it nearly all the time (a frozen frame while the server had it standing
 * is excused above, but if that were common the test would be testing the mover, not interpolation).
 */
function expectRealRun(run: CircleRun, plan: CirclePlan): void {
  expect(run.frames, "frames recorded").toBeGreaterThan((RECORD_MS / 1000) * 15);
  const expectedRad = (run.seconds * 1000 / TICK_MS) * plan.stepRad;
  expect(run.progressRad, "angular progress (one step a tick)").toBeGreaterThan(expectedRad * 0.8);
  expect(run.progressRad).toBeLessThan(expectedRad * 1.2);
  expect(run.serverStill, "frames where the server itself had the mover standing").toBeLessThanOrEqual(run.frames * 0.05);
}
