import { afterEach, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { ARENA_MAP, FIRE_COOLDOWN_TICKS, TICK_MS, type ShotMessage } from "@arena/shared";
import { snapshot, until, waitForReady } from "./helpers/game.js";
import { e2eSuite } from "./helpers/suite.js";
import { Target } from "./helpers/target.js";

/**
 * The geometry: the page creates a room and is its first player, at the first spawn point
 * (100, 100). The target joins second and spawns at the farthest spawn point (1500, 1100), walks
 * up 250 ticks and left 210 (4 px a tick, so exactly to (660, 100)), then strafes up and down
 * across the line of fire, turning every 0.6 s (36 ticks: 144 px a leg, 72 px each side of the
 * line). The line of fire from (100, 100) to anywhere on that strafe is clear of walls
 * (checked below with the shared wall trace).
 */
const SHOOTER = ARENA_MAP.spawnPoints[0]!;
const TARGET_SPAWN = { x: 1500, y: 1100 };
const WALK = [{ moveX: 0, moveY: -1, ticks: 250 }, { moveX: -1, moveY: 0, ticks: 210 }];
const STRAFE_CENTRE = { x: 660, y: 100 };
const STRAFE_TICKS = 36;
/** Shots counted per scenario (one every FIRE_COOLDOWN_TICKS while the trigger is held). */
const SHOTS = 40;

interface Scenario {
  lag: number;
  jitter: number;
}

/**
 * Inside the page: every rendered frame, move the mouse (a DOM mouse event on the game canvas,
 * as the browser would send it) to where the page drew the target on that frame, and hold the
 * left button down. This is a player who tracks the target perfectly on their own screen:
 * whatever lands or misses is the netcode's doing. (Playwright's mouse would add a round trip
 * to the test process between reading the drawn position and moving the pointer.)
 */
async function trackAndHoldFire(page: Page, targetId: string): Promise<void> {
  await page.evaluate((id) => {
    const w = window as unknown as { __aimStop?: boolean };
    w.__aimStop = false;
    const canvas = document.querySelector("canvas")!;
    const mouse = (type: string, x: number, y: number): void => {
      canvas.dispatchEvent(new MouseEvent(type, { clientX: x, clientY: y, button: 0, buttons: type === "mouseup" ? 0 : 1, bubbles: true }));
    };
    let last = { x: 0, y: 0 };
    let down = false;
    const frame = (): void => {
      if (w.__aimStop) {
        mouse("mouseup", last.x, last.y);
        return;
      }
      const drawn = window.__game!.remote(id);
      const at = drawn ? window.__game!.toScreen(drawn.x, drawn.y) : null;
      if (at) {
        last = at;
        mouse("mousemove", at.x, at.y);
        if (!down) mouse("mousedown", at.x, at.y);
        down = true;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, targetId);
}

async function releaseFire(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __aimStop?: boolean }).__aimStop = true;
  });
}

e2eSuite("hit registration: shots at a strafing target, aimed where the page draws it", { ARENA_PRACTICE: "1" }, (env) => {
  let target: Target | null = null;
  afterEach(async () => {
    await target?.leave();
    target = null;
  });

  /** Create a room at `lag`/`jitter`, bring the target to its strafe, shoot SHOTS shots; the server's verdicts. */
  async function shootAtStrafer({ lag, jitter }: Scenario): Promise<{ shots: ShotMessage[]; hits: number; page: Page }> {
    // One page at a time: the previous scenario's page stops drawing (and using the CPU).
    for (const old of env().pages) await old.close();
    const gp = await env().open({ name: "shooter", params: { create: "arena", lag: String(lag), jitter: String(jitter) }, viewport: { width: 960, height: 600 } });
    const me = await waitForReady(gp.page);
    expect(me.local, "the shooter stands at the first spawn point").toMatchObject(SHOOTER);
    target = await Target.join(env().server.httpUrl, me.roomId, "target");
    expect(target.position()).toEqual(TARGET_SPAWN);
    target.start(WALK, { moveX: 0, moveY: 1 }, STRAFE_TICKS);
    const t = target;
    await until(async () => t.strafing && t.position().x === STRAFE_CENTRE.x, (ok) => ok, 20_000, "the target walking to its strafe", 100);
    // Let the page draw it strafing (its render clock trails by the one-way trip + interpolation delay).
    await until(() => gp.page.evaluate((id) => window.__game!.remote(id), t.id), (p) => p?.x === STRAFE_CENTRE.x, 5000, "the page drawing the target at the strafe");
    const firstShot = t.shots.length;
    await trackAndHoldFire(gp.page, t.id);
    try {
      // Bounded by shots, not time: SHOTS shots take SHOTS * FIRE_COOLDOWN_TICKS ticks (8 s at 60 Hz).
      await until(async () => t.shots.slice(firstShot).filter((s) => s.by === me.sessionId).length, (n) => n >= SHOTS,
        SHOTS * FIRE_COOLDOWN_TICKS * TICK_MS * 3 + 5000, `${SHOTS} shots reported by the server`, 100);
    } finally {
      await releaseFire(gp.page);
    }
    const shots = t.shots.slice(firstShot).filter((s) => s.by === me.sessionId).slice(0, SHOTS);
    const hits = shots.filter((s) => s.hit === t.id).length;
    return { shots, hits, page: gp.page };
  }

  function describeShots(shots: ShotMessage[], hits: number): string {
    const rewinds = shots.map((s) => s.rewindMs ?? Number.NaN).sort((a, b) => a - b);
    const clamped = shots.filter((s) => s.clamped).length;
    return `${hits}/${shots.length} hit (${((100 * hits) / shots.length).toFixed(0)} %), rewind p50 ${rewinds[rewinds.length >> 1]?.toFixed(0)} ms, ` +
      `max ${rewinds.at(-1)?.toFixed(0)} ms, clamped ${clamped}`;
  }

  for (const scenario of [{ lag: 200, jitter: 30 }, { lag: 100, jitter: 0 }] satisfies Scenario[]) {
    it(`at ?lag=${scenario.lag}&jitter=${scenario.jitter}, at least 95 % of shots at a strafing target hit`, async () => {
      const { shots, hits, page } = await shootAtStrafer(scenario);
      const s = await snapshot(page);
      console.info(`[e2e] lag ${scenario.lag} jitter ${scenario.jitter}: rtt ${s.stats.rttMs.toFixed(0)} ms, interp delay ${s.stats.interpDelayMs.toFixed(0)} ms: ${describeShots(shots, hits)}`);
      console.info(`[e2e]   per shot (rewind ms, clamped C, miss x): ${shots.map((x) => `${x.rewindMs}${x.clamped ? "C" : ""}${x.hit ? "" : "x"}`).join(" ")}`);
      expect(shots.length).toBe(SHOTS);
      expect(hits / shots.length).toBeGreaterThanOrEqual(0.95);
      expect(shots.every((shot) => !shot.clamped), "no shot clamped within the latency budget").toBe(true);
    });
  }
});
