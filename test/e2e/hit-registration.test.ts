import { afterEach, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { LAG_COMP_MAX_LATENCY_MS, TICK_MS } from "@arena/shared";
import { ARENA_MAP, wallDistance, type ShotMessage } from "@arena/shared/games/arena";
import { snapshot, until, waitForReady } from "./helpers/game.js";
import { e2eSuite } from "./helpers/suite.js";
import { STRAFE_GEOMETRY, Target } from "../../server/src/tools/strafing-target.js";

const G = STRAFE_GEOMETRY;
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
    expect(me.local, "the shooter stands at the first spawn point").toMatchObject(G.shooter);
    target = await Target.join(env().server.httpUrl, me.roomId, "target");
    expect(target.position()).toEqual(G.targetSpawn);
    target.start(G.walk, G.strafeAxis, G.strafeTicks);
    const t = target;
    await until(async () => t.strafing && t.position().x === G.centre.x, (ok) => ok, 20_000, "the target walking to its strafe", 100);
    // Let the page draw it strafing (its render clock trails by the one-way trip + interpolation delay).
    await until(() => gp.page.evaluate((id) => window.__game!.remote(id), t.id), (p) => p?.x === G.centre.x, 5000, "the page drawing the target at the strafe");
    const firstShot = t.shots.length;
    await trackAndHoldFire(gp.page, t.id);
    try {
      // Bounded by shots, not time: SHOTS shots take SHOTS * FIRE_COOLDOWN_TICKS (12) ticks, 8 s at 60 Hz;
      // a starved page loses input ticks (a frame over 250 ms resyncs), hence the wide timeout.
      await until(async () => t.shots.slice(firstShot).filter((s) => s.by === me.sessionId).length, (n) => n >= SHOTS,
        SHOTS * 1000, `${SHOTS} shots reported by the server`, 100);
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

  it("the strafe is in a clear line of fire from the shooter (shared wall trace)", () => {
    expect(ARENA_MAP.spawnPoints[0]).toEqual(G.shooter);
    for (let off = -G.halfWidthPx - 16; off <= G.halfWidthPx + 16; off += 4) {
      const x = G.centre.x;
      const y = G.centre.y + off;
      expect(wallDistance(G.shooter.x, G.shooter.y, Math.atan2(y - G.shooter.y, x - G.shooter.x), ARENA_MAP)).toBeGreaterThan(Math.hypot(x - G.shooter.x, y - G.shooter.y) + 16);
    }
  });

  for (const scenario of [{ lag: 200, jitter: 30 }, { lag: 100, jitter: 0 }] satisfies Scenario[]) {
    it(`at ?lag=${scenario.lag}&jitter=${scenario.jitter}, at least 95 % of shots at a strafing target hit`, async () => {
      const { shots, hits, page } = await shootAtStrafer(scenario);
      const s = await snapshot(page);
      console.info(`[e2e] lag ${scenario.lag} jitter ${scenario.jitter}: rtt ${s.stats.rttMs.toFixed(0)} ms, interp delay ${s.stats.interpDelayMs.toFixed(0)} ms: ${describeShots(shots, hits)}`);
      console.info(`[e2e]   per shot (rewind ms, clamped C, miss x): ${shots.map((x) => `${x.rewindMs}${x.clamped ? "C" : ""}${x.hit ? "" : "x"}`).join(" ")}`);
      expect(shots.length).toBe(SHOTS);
      // Every shot the server could compensate in full (not clamped) hits.
      const unclamped = shots.filter((shot) => !shot.clamped);
      expect(unclamped.length, "shots within the budget").toBeGreaterThanOrEqual(SHOTS / 4);
      expect(unclamped.filter((shot) => shot.hit === target!.id).length / unclamped.length).toBeGreaterThanOrEqual(0.95);
      // And on this link nearly every shot is within the budget, so nearly every shot hits: unless
      // the machine starves the page and the server, and the round trip they measure (the page's
      // event loop included) goes past the budget: then the shots beyond it are clamped, as
      // documented, and only the bound above is claimed (the test says so in its output).
      const withinBudget = s.stats.rttMs + 2 * TICK_MS + 25 + 2 * s.stats.jitterMs < LAG_COMP_MAX_LATENCY_MS;
      if (withinBudget) {
        expect(hits / shots.length).toBeGreaterThanOrEqual(0.95);
        // A shot is clamped only when its own trip ran slower than the measured round trip plus the
        // tolerance allows (a jitter spike, a long frame), and then by a little.
        expect(shots.filter((shot) => shot.clamped).length, "shots clamped within the latency budget").toBeLessThanOrEqual(SHOTS / 10);
      } else {
        console.info(`[e2e]   the page measures ${s.stats.rttMs.toFixed(0)} ms (jitter ${s.stats.jitterMs.toFixed(0)}) on a +${scenario.lag} ms link: the machine is starved past the ${LAG_COMP_MAX_LATENCY_MS} ms budget, so only the shots within it are held to 95 %`);
      }
      // The page's own account (the F3 overlay's lines) agrees with the server's verdicts.
      // (The page hears of its last shots a one-way trip after the target does.)
      const own = await until(() => page.evaluate(() => window.__game!.shots()), (v) => (v?.resolved ?? 0) >= SHOTS, 5000, "the page's verdicts on its shots");
      expect(own!.refusedHits, "hits drawn on the page that the server refused").toBeLessThanOrEqual(2);
    });
  }

  it(`beyond the latency budget (${LAG_COMP_MAX_LATENCY_MS} ms), shots are clamped: aimed at the drawn centre of a strafing target they mostly miss (the shooter must lead)`, async () => {
    const lag = 700;
    const { shots, hits, page } = await shootAtStrafer({ lag, jitter: 0 });
    const s = await snapshot(page);
    console.info(`[e2e] lag ${lag}: rtt ${s.stats.rttMs.toFixed(0)} ms, interp delay ${s.stats.interpDelayMs.toFixed(0)} ms: ${describeShots(shots, hits)}`);
    expect(shots.length).toBe(SHOTS);
    expect(shots.filter((shot) => shot.clamped).length / shots.length).toBeGreaterThanOrEqual(0.9);
    expect(hits / shots.length).toBeLessThanOrEqual(0.5);
    // The F3 overlay says so.
    const own = await page.evaluate(() => window.__game!.shots());
    expect(own!.last!.clamped).toBe(true);
  });
});
