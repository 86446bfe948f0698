import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import type { Page } from "playwright-core";
import type { RecordingListing, ReplayStatusMessage } from "@arena/shared";
import { guestToken } from "../../server/src/tools/bots/guest-token.js";
import { e2eSuite } from "./helpers/suite.js";
import { snapshot, until, waitForReady } from "./helpers/game.js";
import { overlaps, type Box } from "./helpers/boxes.js";
import type {} from "../../client/src/game/common/replay-controls.js";

/** One person (this test's colyseus.js player, standing still) plus bots. */
const BOT_FILL = 6;
/** Ticks recorded (20 s of the arena's 60 Hz). */
const TICKS = 1200;
/** Frames a speed is measured over (about 2 s at 60 fps), and at most this much page time (on a slow machine, before the replay ends). */
const MEASURE_FRAMES = 120;
const MEASURE_MAX_MS = 4000;
/** The arena's tick rate. */
const TICK_HZ = 60;
/** How far (world px) a drawn player must be from where it was to count as "moved" by a seek. */
const MOVED_PX = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "replay-e2e-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Every drawn player's position on the page now (remote = interpolated), by id. */
function drawn(page: Page): Promise<Record<string, { x: number; y: number }>> {
  return page.evaluate(() => {
    const g = window.__game!;
    const out: Record<string, { x: number; y: number }> = {};
    for (const p of g.players()) {
      const at = g.remote(p.id);
      if (at) out[p.id] = at;
    }
    return out;
  });
}

function status(page: Page): Promise<ReplayStatusMessage | null> {
  return page.evaluate(() => window.__replay?.status() ?? null);
}

/**
 * Over MEASURE_FRAMES rendered frames: replay ticks drawn (the render clock, renderTick) per
 * second of the page's own frame clock, and the largest step back or jump of the render tick
 * between two frames (snapping).
 */
function measureSpeed(page: Page, frames: number, ticksPerSecExpected: number): Promise<{ ticksPerSec: number; backSteps: number; maxExcessTicks: number; frameMs: number; frames: number }> {
  return page.evaluate(([n, maxMs, expected]) => new Promise((resolve) => {
    const g = window.__game!;
    const samples: { t: number; tick: number }[] = [];
    const step = (t: number): void => {
      samples.push({ t, tick: g.stats().renderTick });
      if (samples.length <= n && t - samples[0]!.t < maxMs) requestAnimationFrame(step);
      else {
        let backSteps = 0;
        // The most one frame moved beyond what its own duration at the expected rate explains.
        let maxExcessTicks = 0;
        for (let i = 1; i < samples.length; i++) {
          const d = samples[i]!.tick - samples[i - 1]!.tick;
          if (d < -1e-6) backSteps++;
          maxExcessTicks = Math.max(maxExcessTicks, d - ((samples[i]!.t - samples[i - 1]!.t) / 1000) * expected);
        }
        const first = samples[0]!, last = samples.at(-1)!;
        const frameCount = samples.length - 1;
        resolve({ ticksPerSec: (last.tick - first.tick) / ((last.t - first.t) / 1000), backSteps, maxExcessTicks, frameMs: (last.t - first.t) / frameCount, frames: frameCount });
      }
    };
    requestAnimationFrame(step);
  }), [frames, MEASURE_MAX_MS, ticksPerSecExpected] as const);
}

/** The game's HUD boxes (test hook) and the replay bar's, on the page. */
function hudWithReplayBar(page: Page): Promise<Record<string, Box>> {
  return page.evaluate(() => {
    const r = document.querySelector(".replay-controls")!.getBoundingClientRect();
    return { ...window.__game!.hud(), replayBar: { x: r.x, y: r.y, width: r.width, height: r.height } };
  });
}

/** Seek through the page's own time bar (its `change` event, as a drag ends). */
async function seek(page: Page, tick: number): Promise<void> {
  const before = await page.evaluate(() => window.__replay!.seeks);
  await page.evaluate((t) => {
    const slider = document.querySelector<HTMLInputElement>(".replay-controls input[type=range]")!;
    slider.value = String(t);
    slider.dispatchEvent(new Event("change"));
  }, tick);
  await until(() => page.evaluate(() => window.__replay!.seeks), (n) => n === before + 1, 15_000, "the seek");
}

e2eSuite("replay page", { BOT_FILL: String(BOT_FILL), RECORD: "1", DATA_DIR: dataDir }, (env) => {
  it("lists a recorded bot match, replays it at 2x (twice the ticks per frame time, no snapping), pauses, seeks forward and back with the drawn players moving, and every checksum matches", async () => {
    // Record: a room with one person (from here) and bots, TICKS ticks, then ended.
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, "host");
    const host: Room = await client.create("arena");
    host.onMessage("*", () => undefined);
    await until(async () => (host.state as { tick: number }).tick, (t) => t >= TICKS, 30_000, `${TICKS} recorded ticks`);
    await host.leave(true);
    const listing = await until(async () => {
      const res = await fetch(`${env().server.httpUrl}/recordings`);
      return ((await res.json()) as { recordings?: RecordingListing[] }).recordings ?? [];
    }, (rows) => rows.length === 1, 15_000, "the recording listed");
    expect(listing[0]!.ticks).toBeGreaterThanOrEqual(TICKS);

    // The list page shows it under its room type; its link opens the replay.
    const list = await env().open({ name: "viewer", params: { play: "", replays: "" } });
    const link = list.page.locator("table[data-room=arena] a.watch-replay");
    await link.waitFor({ timeout: 10_000 });
    expect(await list.page.locator("table[data-room=arena] tbody tr").count()).toBe(1);
    await link.click();
    const page = list.page;
    // What the server refused of this page's messages (the game logs each refusal it is told of).
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/server refused/.test(m.text())) refused.push(m.text());
    });
    await page.waitForURL(/[?&]replay=/, { timeout: 10_000 });
    const ready = await waitForReady(page);
    expect(ready.local).toBeNull();
    expect(await page.evaluate(() => window.__game!.watching)).toBe(true);
    // The replay bar (DOM, over the game's bottom edge) covers no HUD piece, on a desktop window
    // and on a phone-sized one, upright and sideways (the bar wraps, the HUD moves above it).
    for (const viewport of [{ width: 1024, height: 640 }, { width: 390, height: 844 }, { width: 844, height: 390 }, { width: 1024, height: 640 }]) {
      await page.setViewportSize(viewport);
      const frames = (await snapshot(page)).frames;
      await until(() => snapshot(page), (s) => s.frames >= frames + 10, 10_000, `10 frames at ${viewport.width}x${viewport.height}`);
      const boxes = await hudWithReplayBar(page);
      expect(boxes.watchLine, "the watch line").toBeDefined();
      expect(overlaps(boxes), `HUD and replay bar overlaps at ${viewport.width}x${viewport.height}`).toEqual([]);
    }
    const first = (await until(() => status(page), (s) => s !== null, 10_000, "the first replay_status"))!;
    expect(first.recordingId).toBe(listing[0]!.id);
    expect(first.endTick - first.startTick).toBe(listing[0]!.ticks);

    // 2x: the drawn time runs at twice the replay's tick rate (60 ticks/s at 1x), by the page's
    // own frame clock, over MEASURE_FRAMES frames; the render tick never steps back or jumps.
    await page.click(".replay-controls button[data-speed='2']");
    await until(() => status(page), (s) => s?.speed === 2, 5000, "speed 2");
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500))); // let the render clock settle on the new rate
    const fast = await measureSpeed(page, MEASURE_FRAMES, 2 * TICK_HZ);
    console.log(`[replay] 2x: ${fast.ticksPerSec.toFixed(1)} ticks/s drawn over ${fast.frames} frames of ${fast.frameMs.toFixed(1)} ms, most a frame ran ahead ${fast.maxExcessTicks.toFixed(2)} ticks`);
    expect(fast.frames).toBeGreaterThanOrEqual(10);
    expect(fast.ticksPerSec).toBeGreaterThan(2 * TICK_HZ * 0.8);
    expect(fast.ticksPerSec).toBeLessThan(2 * TICK_HZ * 1.2);
    expect(fast.backSteps).toBe(0);
    // A snap is a jump of at least 500 ms of server time (RenderClock.snapMs: 30 ticks) beyond the
    // frame's own share. Allowed: half that, plus one mean frame's worth, since a sample taken in
    // requestAnimationFrame may land before or after Phaser's update of the same frame.
    expect(fast.maxExcessTicks).toBeLessThan(15 + (fast.frameMs / 1000) * 2 * TICK_HZ);

    // Pause: the drawn time stands still.
    await page.click(".replay-controls button[data-testid=replay-play]");
    await until(() => status(page), (s) => s?.paused === true, 5000, "paused");
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    const paused = await measureSpeed(page, 30, 0);
    expect(paused.ticksPerSec).toBeLessThan(1);
    await page.click(".replay-controls button[data-testid=replay-play]");
    await until(() => status(page), (s) => s?.paused === false, 5000, "playing again");

    // Seek forward, then back: each is a new replay room started at that tick; the page moves to it
    // and draws the players where they were then.
    for (const target of [TICKS - 300, 60]) {
      const before = await drawn(page);
      const roomBefore = await page.evaluate(() => window.__replay!.roomId());
      await seek(page, target);
      const after = (await until(() => status(page), (s) => s !== null && s.tick >= target && s.tick < target + 120, 10_000, `the replay at tick ${target}`))!;
      expect(after.divergence).toBeNull();
      expect(await page.evaluate(() => window.__replay!.roomId())).not.toBe(roomBefore);
      console.log(`[replay] seek to tick ${target}: ${await page.evaluate(() => window.__replay!.lastSeekMs)} ms`);
      await until(() => drawn(page), (now) => Object.keys(before).some((id) => {
        const a = before[id], b = now[id];
        return !!a && !!b && Math.hypot(b.x - a.x, b.y - a.y) >= MOVED_PX;
      }), 10_000, `a player drawn ${MOVED_PX} px from where it was before the seek`);
      expect((await waitForReady(page)).status).toBe("playing");
    }

    // To the end at 4x: every recorded checksum matched, and the page says so.
    await page.click(".replay-controls button[data-speed='4']");
    const end = (await until(() => status(page), (s) => s?.ended === true, 30_000, "the end of the replay"))!;
    expect(end.divergence).toBeNull();
    expect(end.tick).toBe(end.endTick);
    expect(await page.locator(".replay-verdict").textContent()).toMatch(/^Checksums match/);
    // Seeking back moves the page to an earlier timeline: nothing it sent meanwhile was refused.
    expect(refused).toEqual([]);
  }, 120_000);
});
