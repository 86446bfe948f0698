import { afterAll, expect, it } from "vitest";
import { PATCH_MS, TICK_MS } from "@arena/shared";
import type { GamePage } from "./helpers/browser.js";
import { recordFrames, until, waitForReady, type FrameSample } from "./helpers/game.js";
import { Mover, freeCircle, type CirclePlan, type TrackPoint } from "./helpers/mover.js";
import { e2eSuite } from "./helpers/suite.js";

/** Radius of the scripted remote's circle: at 240 px/s one lap takes about 2.1 s. */
const CIRCLE_RADIUS_PX = 80;
/** How long each page's frames are recorded at a time. */
const RECORD_MS = 10_000;
/**
 * Frames a page's recording must judge (not excused by a stall, see EXCUSE_TICKS): the recording
 * goes on in RECORD_MS stretches until it has that many, at most MAX_RECORDINGS of them, so a busy
 * machine costs time rather than the verdict.
 */
const MIN_JUDGED_FRAMES = 150;
const MAX_RECORDINGS = 4;
/**
 * How long a page watches before recording: the jitter buffer's window (5 s) must be past the
 * page's start-up (loading the game makes the first patches late).
 */
const WARM_UP_MS = 6000;
/**
 * The watching pages' size. The game draws with software GL here, and its fill cost is most of a
 * frame: a small canvas keeps the page near 60 fps, so the page's own main thread is not what
 * makes patches late, and a freeze is judged over many frames.
 */
const VIEWPORT = { width: 320, height: 200 };
/**
 * Most the interpolation delay may be on a link without added lag or jitter: one patch interval
 * (a patch must have arrived on both sides of the render time) plus a small margin, when patches
 * reach the page evenly. A busy machine that holds the page's main thread makes them reach it
 * unevenly even on a clean link, and a jitter buffer must then hold more: frame by frame the bound
 * is then what the page's own patch arrivals so far ask of a jitter buffer (see pageWants and
 * pageNeedAt) plus the same margin and one frame interval (arrivals are seen by frames).
 */
const CLEAN_DELAY_BOUND_MS = PATCH_MS + 20;
const CLEAN_DELAY_MARGIN_MS = CLEAN_DELAY_BOUND_MS - PATCH_MS;
/**
 * Share of the judged frames that may be drawn with more delay than their bound: the page's
 * arrivals are seen by frames, and a frame's time is when it began, not when the patch was decoded.
 */
const OVER_BOUND_SHARE = 0.02;
/**
 * A drawn position that moved less than this between two frames counts as frozen (positions are
 * on a 1/16 px grid on the server; an interpolated remote moving at 240 px/s moves ~4 px a frame).
 */
const FROZEN_PX = 1e-6;
/** Angular progress below this between two frames counts as a step backwards (radians). */
const BACKWARD_RAD = -1e-6;
/**
 * A stall, in ticks: two patches this far apart in real time as the mover (an unshaped client in
 * the test process) received them (the server's tick loop, or the whole machine, stopped); a
 * page frame this much later than the one before (the page neither drew nor decoded patches); or
 * two patches reaching the page this much further apart than the simulated link can make them
 * (one patch interval plus its jitter: it keeps order and adds at most that; more is the browser's
 * network path or the OS holding them).
 */
const STALL_TICKS = 6;
/**
 * How far past a stall, or past a stretch where the server had the mover standing (its input
 * stream from the test process starved), frames are excused, in ticks on the render clock: the
 * render clock may run 100 ms (6 ticks) past the newest patch, and a correction of what was drawn
 * meanwhile is blended away over 100 ms (6 ticks). No client can draw motion it has not received,
 * nor know that a remote stopped before the patch saying so: a remote drawn frozen there, or
 * pulled back a little, is the machine's doing (or the mover's), not interpolation's. Excused
 * frames are counted and printed.
 */
const EXCUSE_TICKS = 12;

/**
 * The page's jitter buffer keeps the transits of this long (see JitterBuffer: windowMs), and comes
 * back down at SHRINK_MS_PER_SEC once late patches have left that window.
 */
const BUFFER_WINDOW_MS = 5000;
const BUFFER_BASELINE_MS = 500;
const SHRINK_MS_PER_SEC = 50;

/** A patch as the page's frames first showed it: the frame's time, and the newest tick then. */
interface PageArrival {
  t: number;
  tick: number;
}

/**
 * Log in the page, from its first frame (an init script: run before the page's own scripts), each
 * frame at which a newer server tick appeared (the newest patch the page had decoded by then), on
 * the frames' clock. From the first frame, so the page's start-up (loading the game makes the first
 * patches late, and the buffer comes down from that slowly) is in the log. Read it with `readArrivals`.
 */
function logArrivals(): void {
  const w = window as unknown as { __arrivals: { t: number; tick: number }[]; __game?: { stats(): { serverTick: number } } };
  w.__arrivals = [];
  let last = -1;
  const sample = (t: number): void => {
    const tick = w.__game?.stats().serverTick ?? -1;
    if (tick !== last && tick > 0) {
      last = tick;
      w.__arrivals.push({ t, tick });
    }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
}

function readArrivals(page: GamePage["page"]): Promise<PageArrival[]> {
  return page.evaluate(() => (window as unknown as { __arrivals: PageArrival[] }).__arrivals.slice());
}

/** What the page's patch arrivals up to one of them ask of a jitter buffer (see pageWants). */
interface PageWant {
  /** The arrival's frame time, ms. */
  t: number;
  /**
   * How long after its time on the server timeline a patch must be drawn to have arrived in time:
   * the 98th percentile of the transits (arrival frame time minus the patch's server time) of the
   * last BUFFER_WINDOW_MS, plus one patch interval, ms.
   */
  playoutMs: number;
  /** The fastest transit of the last BUFFER_BASELINE_MS, ms (the delay is measured from it). */
  fastestMs: number;
}

/**
 * What the patch timing the page itself saw asks of its jitter buffer, arrival by arrival: the
 * buffer's own rule (see PageWant; the interpolation delay is the playout over the fastest recent
 * transit). Arrivals are seen up to a frame late, so this errs toward asking more. A busy machine
 * that holds the page's main thread makes patches reach it late even on a clean link; this is the
 * delay that costs.
 */
function pageWants(logged: readonly PageArrival[], patchTicks: readonly number[]): PageWant[] {
  const transit = (a: PageArrival) => a.t - a.tick * TICK_MS;
  const arrivals = withPatchesBetween(logged, patchTicks);
  return arrivals.map((arrival) => {
    const inWindow = arrivals.filter((a) => a.t > arrival.t - BUFFER_WINDOW_MS && a.t <= arrival.t).map(transit).sort((x, y) => x - y);
    const fastestMs = Math.min(...arrivals.filter((a) => a.t > arrival.t - BUFFER_BASELINE_MS && a.t <= arrival.t).map(transit));
    const p98 = inWindow[Math.min(inWindow.length - 1, Math.ceil(0.98 * inWindow.length) - 1)]!;
    return { t: arrival.t, playoutMs: p98 + PATCH_MS, fastestMs };
  });
}

/**
 * The page logs only the newest tick at each frame; when several patches reached it between two
 * frames (it was busy, or the link bunched them), the older ones (the later ones, by transit) are
 * added at that frame, from the ticks the server patched (`patchTicks`: the mover, in the same
 * room, gets every patch's tick). Before the mover's first patch, one every PATCH_MS is assumed
 * (which errs toward asking more: a patch's tick is at most a tick later).
 */
function withPatchesBetween(logged: readonly PageArrival[], patchTicks: readonly number[]): PageArrival[] {
  const all: PageArrival[] = [];
  const patchTicksApart = Math.round(PATCH_MS / TICK_MS);
  let j = 0;
  for (let i = 0; i < logged.length; i++) {
    const a = logged[i]!;
    const after = i === 0 ? a.tick : logged[i - 1]!.tick;
    if (patchTicks.length === 0 || a.tick <= patchTicks[0]!) {
      for (let tick = after + patchTicksApart; tick < a.tick; tick += patchTicksApart) all.push({ t: a.t, tick });
    } else {
      while (j < patchTicks.length && patchTicks[j]! <= after) j++;
      for (; j < patchTicks.length && patchTicks[j]! < a.tick; j++) all.push({ t: a.t, tick: patchTicks[j]! });
    }
    all.push(a);
  }
  return all;
}

/**
 * The interpolation delay the page's patch timing justifies at time `t`: the playout grows at once
 * to what an arrival asks and comes down at SHRINK_MS_PER_SEC (at arrivals), and the delay is that
 * playout over the fastest recent transit.
 */
function pageNeedAt(wants: readonly PageWant[], t: number): number {
  let playoutMs = -Infinity;
  let fastestMs = 0;
  let lastT = -Infinity;
  for (const w of wants) {
    if (w.t > t) break;
    // Like the buffer, it comes down only when a patch arrives, by the time since the one before.
    playoutMs = Math.max(w.playoutMs, playoutMs - ((w.t - lastT) * SHRINK_MS_PER_SEC) / 1000);
    fastestMs = w.fastestMs;
    lastT = w.t;
  }
  return Math.max(0, playoutMs - fastestMs);
}

/** What a page drew of the circling remote, frame by frame. */
interface CircleRun {
  frames: number;
  seconds: number;
  /** Total angular progress around the circle, radians. */
  progressRad: number;
  /** Render ticks the recording spanned (the mover makes one step a tick on the server's timeline). */
  renderTicks: number;
  /** Steps backwards (negative angular progress) outside excused stretches, and the worst. */
  backward: number;
  worstBackRad: number;
  /** Frames drawn at the same position as the frame before, outside excused stretches. */
  frozen: number;
  /** Longest run of consecutive such frames. */
  longestFrozenRun: number;
  /** Frames in excused stretches (see EXCUSE_TICKS), and the frozen frames and backward steps among them. */
  excused: { frames: number; frozen: number; backward: number };
  /** Frames whose render time was past the newest patch the page had (drawn by extrapolation or held). */
  pastNewest: number;
  /**
   * Judged frames drawn with more interpolation delay than the clean link's bound at that frame
   * (see CLEAN_DELAY_BOUND_MS), out of how many, and the most any went over, ms.
   */
  overBound: { frames: number; judged: number; worstMs: number };
  delayMs: { min: number; median: number; max: number };
  /** Frame intervals in the page, ms. */
  frameMs: { median: number; max: number };
  /** Stalls the mover saw from the start of tracking (see STALL_TICKS), the longest in ms, and the server ticks they ended at. */
  stalls: { count: number; longestMs: number; ticks: number[] };
  /** Stalls seen in the page: frames, or patches, late by more than STALL_TICKS. */
  pageStalls: number;
  /** Frames where the server had the mover standing (its inputs starved). */
  serverStill: number;
  /**
   * What the server's own patch timing asks of a jitter buffer, as the mover saw it (no link of
   * its own): the 98th percentile of each patch's transit over the fastest of the half second
   * before, plus one patch interval, ms.
   */
  moverNeedMs: number;
  /**
   * What the patch timing the page itself saw asks of its jitter buffer (see pageWants and
   * pageNeedAt), the median over the frames, ms.
   */
  pageNeedMs: number;
}

function wrapAngle(rad: number): number {
  let d = rad % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/**
 * Frame by frame: angular progress of the drawn remote around the circle's center (never
 * negative) and frames where it did not move, outside the stretches a stall excuses (from the
 * mover's own patches: tick, position, arrival; and the page's frame times).
 */
function analyse(
  frames: FrameSample[], plan: CirclePlan, track: readonly TrackPoint[], linkJitterMs: number,
  wants: readonly PageWant[],
): CircleRun {
  // Excused stretches of the server timeline, [from, to] in ticks.
  const excusedTicks: [number, number][] = [];
  const stallGaps: number[] = [];
  const stallTicks: number[] = [];
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1]!;
    const b = track[i]!;
    const stalled = b.atMs - a.atMs > STALL_TICKS * TICK_MS;
    if (stalled) {
      stallGaps.push(b.atMs - a.atMs);
      stallTicks.push(b.tick);
    }
    if (stalled || (a.x === b.x && a.y === b.y)) excusedTicks.push([a.tick, b.tick + EXCUSE_TICKS]);
  }
  let pageStalls = 0;
  for (let i = 1, lastNew = 0; i < frames.length; i++) {
    const f = frames[i]!;
    if (f.t - frames[i - 1]!.t > STALL_TICKS * TICK_MS) {
      excusedTicks.push([frames[i - 1]!.renderTick, f.renderTick + EXCUSE_TICKS]);
      pageStalls++;
    }
    if (f.serverTick === frames[i - 1]!.serverTick) continue;
    // A patch arrived before this frame: how long after the previous one (to a frame).
    if (f.t - frames[lastNew]!.t > PATCH_MS + linkJitterMs + STALL_TICKS * TICK_MS) {
      excusedTicks.push([frames[lastNew]!.serverTick, f.serverTick + EXCUSE_TICKS]);
      pageStalls++;
    }
    lastNew = i;
  }
  const excusedAt = (renderTick: number) => excusedTicks.some(([from, to]) => from <= renderTick && renderTick <= to);
  const serverStillAt = (renderTick: number): boolean => {
    for (let i = 1; i < track.length; i++) {
      const a = track[i - 1]!;
      const b = track[i]!;
      if (a.tick <= renderTick && renderTick <= b.tick) return a.x === b.x && a.y === b.y;
    }
    return false;
  };
  const angle = (f: FrameSample) => Math.atan2(f.remote!.y - plan.center.y, f.remote!.x - plan.center.x);
  let progressRad = 0;
  let backward = 0;
  let worstBackRad = 0;
  let frozen = 0;
  let run = 0;
  let longestFrozenRun = 0;
  const excused = { frames: 0, frozen: 0, backward: 0 };
  const overBound = { frames: 0, judged: 0, worstMs: 0 };
  let serverStill = 0;
  let pastNewest = 0;
  const context = (i: number) => JSON.stringify(frames.slice(Math.max(0, i - 2), i + 2).map((s) => [Math.round(s.t), +angle(s).toFixed(4), +s.renderTick.toFixed(2), s.serverTick, Math.round(s.interpDelayMs)]));
  for (let i = 1; i < frames.length; i++) {
    const f = frames[i]!;
    const prev = frames[i - 1]!;
    const step = wrapAngle(angle(f) - angle(prev));
    progressRad += step;
    if (f.renderTick > f.serverTick) pastNewest++;
    if (serverStillAt(f.renderTick)) serverStill++;
    const back = step < BACKWARD_RAD;
    const still = Math.hypot(f.remote!.x - prev.remote!.x, f.remote!.y - prev.remote!.y) < FROZEN_PX;
    if (excusedAt(f.renderTick)) {
      excused.frames++;
      if (still) excused.frozen++;
      if (back) excused.backward++;
      run = 0;
      continue;
    }
    // The page's arrivals are known to a frame (the frame that first showed them): one frame's slack.
    const boundMs = Math.max(CLEAN_DELAY_BOUND_MS, pageNeedAt(wants, f.t) + CLEAN_DELAY_MARGIN_MS + (f.t - prev.t));
    overBound.judged++;
    if (f.interpDelayMs > boundMs) {
      overBound.frames++;
      overBound.worstMs = Math.max(overBound.worstMs, f.interpDelayMs - boundMs);
    }
    if (back) {
      backward++;
      worstBackRad = Math.min(worstBackRad, step);
      console.info(`[e2e] backwards at frame ${i}: [t, angle, renderTick, serverTick, delay] ${context(i)}`);
    }
    if (still) {
      frozen++;
      run++;
      longestFrozenRun = Math.max(longestFrozenRun, run);
      console.info(`[e2e] frozen at frame ${i}: [t, angle, renderTick, serverTick, delay] ${context(i)}`);
    } else {
      run = 0;
    }
  }
  // The mover's patches through the same jitter-buffer arithmetic (see moverNeedMs).
  const lateness: number[] = [];
  for (let i = 0, j = 0; i < track.length; i++) {
    while (track[i]!.atMs - track[j]!.atMs > 500) j++;
    const transit = (p: TrackPoint) => p.atMs - p.tick * TICK_MS;
    let fastest = Infinity;
    for (let k = j; k <= i; k++) fastest = Math.min(fastest, transit(track[k]!));
    lateness.push(transit(track[i]!) - fastest);
  }
  lateness.sort((a, b) => a - b);
  const delays = frames.map((f) => f.interpDelayMs).sort((a, b) => a - b);
  const gaps = frames.slice(1).map((f, i) => f.t - frames[i]!.t).sort((a, b) => a - b);
  const pageNeeds = frames.map((f) => pageNeedAt(wants, f.t)).sort((a, b) => a - b);
  return {
    frames: frames.length,
    seconds: (frames.at(-1)!.t - frames[0]!.t) / 1000,
    progressRad, renderTicks: frames.at(-1)!.renderTick - frames[0]!.renderTick,
    backward, worstBackRad, frozen, longestFrozenRun, excused, pastNewest, serverStill, overBound,
    delayMs: { min: delays[0]!, median: delays[delays.length >> 1]!, max: delays.at(-1)! },
    frameMs: { median: gaps[gaps.length >> 1] ?? 0, max: gaps.at(-1) ?? 0 },
    stalls: { count: stallGaps.length, longestMs: Math.max(0, ...stallGaps), ticks: stallTicks },
    pageStalls,
    moverNeedMs: (lateness[Math.ceil(0.98 * lateness.length) - 1] ?? 0) + PATCH_MS,
    pageNeedMs: pageNeeds[pageNeeds.length >> 1] ?? 0,
  };
}

/** Several recordings of one page as one run (counts add up, worst cases and extremes combine). */
function merge(runs: readonly CircleRun[]): CircleRun {
  const sum = (f: (r: CircleRun) => number) => runs.reduce((t, r) => t + f(r), 0);
  const max = (f: (r: CircleRun) => number) => Math.max(...runs.map(f));
  const min = (f: (r: CircleRun) => number) => Math.min(...runs.map(f));
  return {
    frames: sum((r) => r.frames), seconds: sum((r) => r.seconds), progressRad: sum((r) => r.progressRad), renderTicks: sum((r) => r.renderTicks),
    backward: sum((r) => r.backward), worstBackRad: min((r) => r.worstBackRad),
    frozen: sum((r) => r.frozen), longestFrozenRun: max((r) => r.longestFrozenRun),
    excused: { frames: sum((r) => r.excused.frames), frozen: sum((r) => r.excused.frozen), backward: sum((r) => r.excused.backward) },
    pastNewest: sum((r) => r.pastNewest), serverStill: sum((r) => r.serverStill),
    overBound: { frames: sum((r) => r.overBound.frames), judged: sum((r) => r.overBound.judged), worstMs: max((r) => r.overBound.worstMs) },
    // The median of the recordings' medians: each is 10 s of the same page.
    delayMs: { min: min((r) => r.delayMs.min), median: runs.map((r) => r.delayMs.median).sort((a, b) => a - b)[runs.length >> 1]!, max: max((r) => r.delayMs.max) },
    frameMs: { median: runs.map((r) => r.frameMs.median).sort((a, b) => a - b)[runs.length >> 1]!, max: max((r) => r.frameMs.max) },
    stalls: { count: sum((r) => r.stalls.count), longestMs: max((r) => r.stalls.longestMs), ticks: runs.flatMap((r) => r.stalls.ticks) },
    pageStalls: sum((r) => r.pageStalls),
    moverNeedMs: max((r) => r.moverNeedMs),
    pageNeedMs: runs.map((r) => r.pageNeedMs).sort((a, b) => a - b)[runs.length >> 1]!,
  };
}

function describeRun(label: string, r: CircleRun): string {
  return `[e2e] ${label}: ${r.frames} frames in ${r.seconds.toFixed(2)} s, ${(r.progressRad / (2 * Math.PI)).toFixed(2)} laps over ${r.renderTicks.toFixed(0)} render ticks, ` +
    `backward steps ${r.backward} (worst ${r.worstBackRad.toFixed(4)} rad), frozen frames ${r.frozen} (longest run ${r.longestFrozenRun}); ` +
    `excused (near a stall or the mover standing) ${r.excused.frames} frames, with ${r.excused.frozen} frozen and ${r.excused.backward} backward; ` +
    `frames past the newest patch ${r.pastNewest}; interp delay min/median/max ${r.delayMs.min.toFixed(0)}/${r.delayMs.median.toFixed(0)}/${r.delayMs.max.toFixed(0)} ms, ` +
    `over the clean link's bound on ${r.overBound.frames} of ${r.overBound.judged} judged frames (by at most ${r.overBound.worstMs.toFixed(0)} ms); ` +
    `machine: frame interval median ${r.frameMs.median.toFixed(0)} ms, max ${r.frameMs.max.toFixed(0)} ms; ` +
    `stalls seen by the mover ${r.stalls.count} (longest ${r.stalls.longestMs.toFixed(0)} ms), by the page ${r.pageStalls}; frames with the mover standing on the server ${r.serverStill}; ` +
    `the server's patch timing alone needs ${r.moverNeedMs.toFixed(0)} ms, the page's (median) ${r.pageNeedMs.toFixed(0)} ms`;
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

  /**
   * Watch the circling mover on `page` (once it is drawn): WARM_UP_MS, then record every frame in
   * RECORD_MS stretches until MIN_JUDGED_FRAMES are judged (at most MAX_RECORDINGS), and analyse
   * them. The page is closed afterwards (one page renders at a time: this machine has 2 cores).
   */
  async function observe(page: GamePage, label: string, linkJitterMs: number): Promise<CircleRun> {
    const m = mover!;
    try {
      await until(() => page.page.evaluate((id) => window.__game!.remote(id), m.id), (p) => p !== null, 10_000, "the page drawing the mover");
      const track = m.track();
      await new Promise((r) => setTimeout(r, WARM_UP_MS));
      const runs: CircleRun[] = [];
      while (runs.length < MAX_RECORDINGS && sum(runs, (r) => r.frames - r.excused.frames) < MIN_JUDGED_FRAMES) {
        // The mover's patches from the start (warm-up included), then from a second before each recording.
        const from = runs.length === 0 ? 0 : Math.max(0, track.length - 20);
        const frames = (await recordFrames(page.page, RECORD_MS, m.id)).filter((f) => f.remote);
        runs.push(analyse(frames, plan, track.slice(from), linkJitterMs, pageWants(await readArrivals(page.page), track.map((p) => p.tick))));
        if (runs.length > 1) console.info(describeRun(`${label}, recording ${runs.length}`, runs.at(-1)!));
      }
      const run = merge(runs);
      console.info(describeRun(label, run));
      return run;
    } finally {
      await page.close();
    }
  }

  /** Open a page with `params` in the mover's room and observe it. */
  async function watch(name: string, params: Record<string, string>, label: string): Promise<{ page: GamePage; run: CircleRun }> {
    const page = await env().open({ name, params, viewport: VIEWPORT, initScript: logArrivals });
    const me = await waitForReady(page.page);
    expect(me.roomId, "the page quick-played into the mover's room").toBe(roomId);
    return { page, run: await observe(page, label, Number(params.jitter ?? 0)) };
  }

  it(`clean link: the interpolation delay is at most one patch interval + ${CLEAN_DELAY_MARGIN_MS} ms, or what the page's own patch arrivals ask + ${CLEAN_DELAY_MARGIN_MS} ms`, async () => {
    const page = await env().open({ name: "clean", viewport: VIEWPORT, initScript: logArrivals });
    const me = await waitForReady(page.page);
    roomId = me.roomId;
    mover = await Mover.join(env().server.httpUrl, roomId, "circler");
    const from = mover.position();
    // Long enough for every test here (and a lap more), checked with the shared movement step.
    const found = freeCircle(from.x, from.y, CIRCLE_RADIUS_PX, Math.ceil(300_000 / TICK_MS));
    expect(found, `a free circle of radius ${CIRCLE_RADIUS_PX} px through the mover's spawn (${from.x}, ${from.y})`).not.toBeNull();
    plan = found!;
    mover.circle(plan);
    console.info(`[e2e] mover circles around (${plan.center.x.toFixed(1)}, ${plan.center.y.toFixed(1)}), radius ${plan.radiusPx} px, ` +
      `${(2 * Math.PI / plan.stepRad).toFixed(0)} ticks a lap`);
    const run = await observe(page, "clean link", 0);
    expectRealRun(run, plan);
    // Frame by frame, against what the page's own patch arrivals justify (CLEAN_DELAY_BOUND_MS).
    expect(run.overBound.frames, "judged frames drawn with more interpolation delay than the clean link's bound")
      .toBeLessThanOrEqual(Math.floor(OVER_BOUND_SHARE * run.overBound.judged));
    expect(run.backward).toBe(0);
    expect(page.consoleErrors()).toEqual([]);
  });

  it("?lag=200&jitter=30: 10 s of circles never drawn stepping backwards, at most 1 frozen frame", async () => {
    const { page, run } = await watch("lag200", { lag: "200", jitter: "30" }, "lag 200 jitter 30");
    expectRealRun(run, plan);
    expect(run.backward).toBe(0);
    expect(run.frozen).toBeLessThanOrEqual(1);
    expect(page.consoleErrors()).toEqual([]);
  });

  it("?lag=400&jitter=80: 10 s of circles never frozen for more than 2 frames in a row", async () => {
    const { page, run } = await watch("lag400", { lag: "400", jitter: "80" }, "lag 400 jitter 80");
    expectRealRun(run, plan);
    expect(run.longestFrozenRun).toBeLessThanOrEqual(2);
    expect(page.consoleErrors()).toEqual([]);
  });
});

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  return items.reduce((t, item) => t + f(item), 0);
}

/**
 * The recording shows what it claims to: many frames, enough of them judged (not excused by a
 * stall), and the remote drawn going round at one step per tick of the render clock (±20%; its
 * inputs starving on the server, or arriving two a tick after that, move it by less or more).
 */
function expectRealRun(run: CircleRun, plan: CirclePlan): void {
  expect(run.frames, "frames recorded").toBeGreaterThan((RECORD_MS / 1000) * 15);
  expect(run.frames - run.excused.frames, "frames judged (too few: the machine stalled through the recordings)").toBeGreaterThanOrEqual(MIN_JUDGED_FRAMES);
  const expectedRad = run.renderTicks * plan.stepRad;
  expect(run.progressRad, "angular progress (one step a render tick)").toBeGreaterThan(expectedRad * 0.8);
  expect(run.progressRad).toBeLessThan(expectedRad * 1.2);
}
