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
  /** Chromium's CPU throttling (Emulation.setCPUThrottlingRate): a page this many times slower, as on a busy machine. */
  cpuSlowdown?: number;
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

/**
 * Init script: remember, for every packed input the page sends (Colyseus bytes message 17, type
 * 1 = ClientMessage.InputPacked, 13-byte arena records), how many ticks past its newest patch the
 * page drew others in the frame it was sampled in (flags bits 1-3, 0 = interpolated), by seq.
 */
function recordSentViews(): void {
  const ahead: Record<number, number> = {};
  (window as unknown as { __aheadBySeq: Record<number, number> }).__aheadBySeq = ahead;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket["send"]>[0]) {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
    if (bytes && bytes[0] === 17 && bytes[1] === 1) {
      for (let o = 2; o + 13 <= bytes.length; o += 13) {
        const seq = (bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24)) >>> 0;
        ahead[seq] = (bytes[o + 12]! >>> 1) & 7;
      }
    }
    return send.call(this, data);
  };
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
  async function shootAtStrafer({ lag, jitter, cpuSlowdown }: Scenario): Promise<{ shots: ShotMessage[]; hits: number; page: Page; aheadTicks: number[] }> {
    // One page at a time: the previous scenario's page stops drawing (and using the CPU).
    for (const old of env().pages) await old.close();
    const gp = await env().open({
      name: "shooter", params: { create: "arena", lag: String(lag), jitter: String(jitter) }, viewport: { width: 960, height: 600 }, initScript: recordSentViews,
    });
    if (cpuSlowdown) await (await gp.context.newCDPSession(gp.page)).send("Emulation.setCPUThrottlingRate", { rate: cpuSlowdown });
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
    const aheadBySeq = await gp.page.evaluate(() => (window as unknown as { __aheadBySeq: Record<number, number> }).__aheadBySeq);
    return { shots, hits, page: gp.page, aheadTicks: shots.map((shot) => aheadBySeq[shot.seq] ?? 0) };
  }

  function describeShots(shots: ShotMessage[], hits: number, aheadTicks: number[]): string {
    const rewinds = shots.map((s) => s.rewindMs ?? Number.NaN).sort((a, b) => a - b);
    const clamped = shots.filter((s) => s.clamped).length;
    const extrapolated = shots.filter((_s, i) => aheadTicks[i]! > 0);
    return `${hits}/${shots.length} hit (${((100 * hits) / shots.length).toFixed(0)} %), rewind p50 ${rewinds[rewinds.length >> 1]?.toFixed(0)} ms, ` +
      `max ${rewinds.at(-1)?.toFixed(0)} ms, clamped ${clamped}, from extrapolated frames ${extrapolated.length} (${extrapolated.filter((s) => s.hit).length} hit)`;
  }

  /** Per shot: rewind ms, C clamped, e<n> fired from a frame drawn n ticks past the newest patch, x missed. */
  function perShot(shots: ShotMessage[], aheadTicks: number[]): string {
    return shots.map((x, i) => `${x.rewindMs}${x.clamped ? "C" : ""}${aheadTicks[i] ? `e${aheadTicks[i]}` : ""}${x.hit ? "" : "x"}`).join(" ");
  }

  it("the strafe is in a clear line of fire from the shooter (shared wall trace)", () => {
    expect(ARENA_MAP.spawnPoints[0]).toEqual(G.shooter);
    for (let off = -G.halfWidthPx - 16; off <= G.halfWidthPx + 16; off += 4) {
      const x = G.centre.x;
      const y = G.centre.y + off;
      expect(wallDistance(G.shooter.x, G.shooter.y, Math.atan2(y - G.shooter.y, x - G.shooter.x), ARENA_MAP)).toBeGreaterThan(Math.hypot(x - G.shooter.x, y - G.shooter.y) + 16);
    }
  });

  // The third: a player's slow or busy machine (the page's CPU 4 times slower: longer frames, a
  // round trip that includes them, inputs sampled several ticks to a frame). Shots fired from
  // frames drawn past the newest patch are counted in the output (`e<ticks>`): the server judges
  // them against the same extrapolation (see arena-room.test.ts for the exact case).
  for (const scenario of [{ lag: 200, jitter: 30 }, { lag: 100, jitter: 0 }, { lag: 200, jitter: 30, cpuSlowdown: 4 }] satisfies Scenario[]) {
    const slow = scenario.cpuSlowdown ? `, the page's CPU ${scenario.cpuSlowdown} times slower` : "";
    it(`at ?lag=${scenario.lag}&jitter=${scenario.jitter}${slow}, at least 95 % of shots at a strafing target hit`, async () => {
      const { shots, hits, page, aheadTicks } = await shootAtStrafer(scenario);
      const s = await snapshot(page);
      console.info(`[e2e] lag ${scenario.lag} jitter ${scenario.jitter}${slow}: rtt ${s.stats.rttMs.toFixed(0)} ms, interp delay ${s.stats.interpDelayMs.toFixed(0)} ms: ${describeShots(shots, hits, aheadTicks)}`);
      console.info(`[e2e]   per shot (rewind ms, clamped C, extrapolated e<ticks>, miss x): ${perShot(shots, aheadTicks)}`);
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
    const { shots, hits, page, aheadTicks } = await shootAtStrafer({ lag, jitter: 0 });
    const s = await snapshot(page);
    console.info(`[e2e] lag ${lag}: rtt ${s.stats.rttMs.toFixed(0)} ms, interp delay ${s.stats.interpDelayMs.toFixed(0)} ms: ${describeShots(shots, hits, aheadTicks)}`);
    expect(shots.length).toBe(SHOTS);
    expect(shots.filter((shot) => shot.clamped).length / shots.length).toBeGreaterThanOrEqual(0.9);
    expect(hits / shots.length).toBeLessThanOrEqual(0.5);
    // The F3 overlay says so.
    const own = await page.evaluate(() => window.__game!.shots());
    expect(own!.last!.clamped).toBe(true);
  });
});
