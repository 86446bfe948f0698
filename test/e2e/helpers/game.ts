import type { Page } from "playwright-core";
import type { NetStatsSnapshot } from "../../../client/src/net/index.js";
import type { GameHook, HookPlayer } from "../../../client/src/game/common/test-hook.js";

/** One rendered frame as seen through window.__game. */
export interface FrameSample {
  /** The frame's requestAnimationFrame timestamp in the page, ms (the clock Phaser's frame delta comes from). */
  t: number;
  frames: number;
  local: { x: number; y: number } | null;
  remote: { x: number; y: number } | null;
  /** Server tick remote players are drawn at (fractional), and the newest tick received. */
  renderTick: number;
  serverTick: number;
  /** The page's interpolation delay on that frame, ms. */
  interpDelayMs: number;
}

export interface GameSnapshot {
  status: GameHook["status"];
  message: string;
  sessionId: string;
  roomId: string;
  frames: number;
  local: ReturnType<GameHook["local"]>;
  stats: NetStatsSnapshot;
  players: HookPlayer[];
}

/** Wait until the game scene runs and the local player is drawn; fails fast if the join failed. */
export async function waitForReady(page: Page, timeoutMs = 20_000): Promise<GameSnapshot> {
  await page.waitForFunction(() => window.__game?.ready === true || window.__game?.status === "error", null, { timeout: timeoutMs, polling: 50 });
  const snap = await snapshot(page);
  if (snap.status !== "playing") throw new Error(`the game did not start: ${snap.status}: ${snap.message}`);
  return snap;
}

/** Everything window.__game says right now. */
export function snapshot(page: Page): Promise<GameSnapshot> {
  return page.evaluate(() => {
    const g = window.__game!;
    return {
      status: g.status, message: g.message, sessionId: g.sessionId, roomId: g.roomId, frames: g.frames,
      local: g.local(), stats: g.stats(), players: g.players(),
    };
  });
}

/** The server's view of one player, as this page decoded it. */
export async function serverPlayer(page: Page, id: string): Promise<HookPlayer | undefined> {
  return (await snapshot(page)).players.find((p) => p.id === id);
}

/** Poll `read` on the test side until `done` holds; throws with the last value on timeout. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    value = await read();
  }
  return value;
}

/** Wait until the page's own player is drawn exactly where the server has it (no movement pending). */
export async function settled(page: Page, timeoutMs = 5000): Promise<GameSnapshot> {
  return until(() => snapshot(page), (s) => {
    const me = s.players.find((p) => p.id === s.sessionId);
    return !!me && !!s.local && Math.abs(s.local.x - me.x) < 0.01 && Math.abs(s.local.y - me.y) < 0.01;
  }, timeoutMs, "the local player standing where the server has it");
}

/**
 * Record every rendered frame for `durationMs` inside the page (requestAnimationFrame, one
 * sample per new `__game.frames`): the local player's drawn position and, with `remoteId`, where
 * that player is drawn.
 */
export function recordFrames(page: Page, durationMs: number, remoteId: string | null = null): Promise<FrameSample[]> {
  return page.evaluate(({ durationMs, remoteId }) => new Promise<FrameSample[]>((resolve) => {
    const g = window.__game!;
    const out: FrameSample[] = [];
    const end = performance.now() + durationMs;
    let last = -1;
    const sample = (frameMs: number): void => {
      if (g.frames !== last) {
        last = g.frames;
        const l = g.local();
        const stats = g.stats();
        out.push({
          t: frameMs, frames: g.frames, local: l ? { x: l.x, y: l.y } : null, remote: remoteId ? g.remote(remoteId) : null,
          renderTick: stats.renderTick, serverTick: stats.serverTick, interpDelayMs: stats.interpDelayMs,
        });
      }
      if (performance.now() < end) requestAnimationFrame(sample);
      else resolve(out);
    };
    requestAnimationFrame(sample);
  }), { durationMs, remoteId });
}

/**
 * The page's median frame interval over `sampleMs`, in ms: how fast it renders right now. Tests
 * that must hold on a busy machine bound what depends on the page's pace in frames of this.
 */
export async function medianFrameMs(page: Page, sampleMs = 1000): Promise<number> {
  const frames = await recordFrames(page, sampleMs);
  const gaps = frames.slice(1).map((f, i) => f.t - frames[i]!.t).sort((a, b) => a - b);
  return gaps.length ? gaps[gaps.length >> 1]! : sampleMs;
}

/**
 * Emulate the tab going to the background for `hiddenMs`, the way Chrome does it to a page:
 * `document.hidden` / `visibilityState` turn "hidden" with a `visibilitychange` event, and
 * requestAnimationFrame callbacks stop until the tab is visible again (timers and the WebSocket
 * keep running). Headless Chromium never hides a page on its own (another tab in front, a
 * minimised window and Page.setWebLifecycleState all leave it "visible" with rAF running), so
 * this is done in the page. Returns the frame counter before and after the hidden period.
 */
export function hideTab(page: Page, hiddenMs: number): Promise<{ framesBefore: number; framesWhileHidden: number }> {
  return page.evaluate((hiddenMs) => new Promise<{ framesBefore: number; framesWhileHidden: number }>((resolve) => {
    const g = window.__game!;
    const realRaf = window.requestAnimationFrame.bind(window);
    const held: FrameRequestCallback[] = [];
    let hidden = true;
    const setVisibility = (state: DocumentVisibilityState): void => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    };
    window.requestAnimationFrame = (cb: FrameRequestCallback): number => {
      if (hidden) {
        held.push(cb);
        return 0;
      }
      return realRaf(cb);
    };
    // Let the frame in flight finish, then go hidden: no frame runs from here on.
    realRaf(() => {
      const framesBefore = g.frames;
      setVisibility("hidden");
      setTimeout(() => {
        const framesWhileHidden = g.frames - framesBefore;
        hidden = false;
        window.requestAnimationFrame = realRaf;
        setVisibility("visible");
        // Deleting the own properties brings back the real (prototype) getters.
        delete (document as { visibilityState?: unknown }).visibilityState;
        delete (document as { hidden?: unknown }).hidden;
        for (const cb of held.splice(0)) realRaf(cb);
        resolve({ framesBefore, framesWhileHidden });
      }, hiddenMs);
    });
  }), hiddenMs);
}

/** The local player's drawn position, or null. */
export function localPosition(page: Page): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const l = window.__game?.local();
    return l ? { x: l.x, y: l.y } : null;
  });
}

/**
 * Hold `key` until the local player's drawn position satisfies `done`; returns that position.
 * Bounded by the page's own frames (`timeoutMs` worth at 60 fps), not by the wall clock: a page
 * starved of CPU draws, and so walks, slower, and is not failed for it. A page that stops drawing
 * altogether still fails after 6 x `timeoutMs`.
 */
export async function walkUntil(
  page: Page, key: string, done: (p: { x: number; y: number }) => boolean, timeoutMs = 10_000,
): Promise<{ x: number; y: number }> {
  const read = (): Promise<{ p: { x: number; y: number } | null; frames: number }> => page.evaluate(() => {
    const g = window.__game!;
    const l = g.local();
    return { p: l ? { x: l.x, y: l.y } : null, frames: g.frames };
  });
  const frameBudget = Math.ceil((timeoutMs / 1000) * 60);
  const deadline = Date.now() + 6 * timeoutMs;
  await page.keyboard.down(key);
  try {
    const first = await read();
    let value = first;
    while (value.p === null || !done(value.p)) {
      if (value.frames - first.frames > frameBudget || Date.now() > deadline) {
        throw new Error(`walking with ${key}: not there after ${value.frames - first.frames} frames; last position ${JSON.stringify(value.p)}`);
      }
      await new Promise((r) => setTimeout(r, 20));
      value = await read();
    }
    return value.p;
  } finally {
    await page.keyboard.up(key);
  }
}
