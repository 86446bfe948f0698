import { expect, it } from "vitest";
import { pickSpawnPoint } from "@arena/shared";
import { ARENA_MAP, MAX_HEALTH, PLAYER_RADIUS_PX, SHOT_DAMAGE, wallDistance } from "@arena/shared/games/arena";
import { e2eSuite } from "./helpers/suite.js";
import { recordFrames, serverPlayer, settled, snapshot, until, waitForReady, walkUntil, type GameSnapshot } from "./helpers/game.js";

// Two real browser pages against the real built server and client, read only through window.__game.
e2eSuite("two players in one arena", {}, (env) => {
  let alice: GameSnapshot;
  let bob: GameSnapshot;

  it("two pages quick-play into the same room", async () => {
    const a = await env().open({ name: "alice" });
    alice = await waitForReady(a.page);
    const b = await env().open({ name: "bob" });
    bob = await waitForReady(b.page);
    expect(bob.roomId).toBe(alice.roomId);
    // Spawns are deterministic: the first player gets the first spawn point, the next the farthest from it.
    expect(alice.local).toMatchObject(ARENA_MAP.spawnPoints[0]!);
    expect(bob.local).toMatchObject(pickSpawnPoint(ARENA_MAP, [ARENA_MAP.spawnPoints[0]!]));
    await until(() => snapshot(a.page), (s) => s.players.some((p) => p.id === bob.sessionId && p.name === "bob"), 5000, "alice's page listing bob");
    await until(() => snapshot(b.page), (s) => s.players.some((p) => p.id === alice.sessionId && p.name === "alice"), 5000, "bob's page listing alice");
  });

  it("keys pressed on page 1 move its player, and page 2 sees it move", async () => {
    const [a, b] = env().pages;
    // Meet in the top lane (close enough for any interest radius): bob walks up the free column
    // x = 1500 from his spawn, alice right along y = 100 from hers.
    const [toA] = await Promise.all([
      walkUntil(a!.page, "ArrowRight", (p) => p.x >= 980),
      walkUntil(b!.page, "ArrowUp", (p) => p.y <= 110),
    ]);
    expect(toA.y).toBe(ARENA_MAP.spawnPoints[0]!.y);
    const start = (await settled(a!.page)).local!;
    await settled(b!.page);
    await until(() => b!.page.evaluate((id) => window.__game!.remote(id), alice.sessionId),
      (p) => p !== null && p.x === start.x && p.y === start.y, 5000, "page 2 drawing alice where she stopped");
    // Now page 2 watches every frame while page 1 holds the right arrow.
    const watching = recordFrames(b!.page, 2000, alice.sessionId);
    const moved = await walkUntil(a!.page, "ArrowRight", (p) => p.x >= start.x + 120);
    expect(moved.y).toBe(start.y);
    const seen = (await watching).filter((f) => f.remote).map((f) => f.remote!);
    expect(seen.at(-1)!.x, "page 2 drew alice moving right").toBeGreaterThanOrEqual(start.x + 100);
    expect(seen.every((p) => p.y === start.y)).toBe(true);
    await until(() => b!.page.evaluate((id) => window.__game!.remote(id), alice.sessionId),
      (p) => p !== null && p.x >= start.x + 120, 5000, "page 2 drawing alice where she went");
    expect(a!.consoleErrors()).toEqual([]);
    expect(b!.consoleErrors()).toEqual([]);
  });

  it("a shot from page 1 lowers page 2's health; the kill is followed by a respawn (a teleport on page 2, not a correction) and a score change on both pages", async () => {
    const [a, b] = env().pages;
    // Let both settle where the server has them.
    const [settledA, settledB] = await Promise.all([settled(a!.page), settled(b!.page)]);
    const me = settledA.players.find((p) => p.id === alice.sessionId)!;
    const him = settledB.players.find((p) => p.id === bob.sessionId)!;
    const dist = Math.hypot(him.x - me.x, him.y - me.y);
    const aim = Math.atan2(him.y - me.y, him.x - me.x);
    expect(wallDistance(me.x, me.y, aim, ARENA_MAP), "clear line of fire").toBeGreaterThan(dist - PLAYER_RADIUS_PX);

    // Aim with the mouse at where page 1 draws bob (camera-aware, via __game.toScreen), once the
    // drawing has caught up with where he stopped, and hold the trigger.
    await until(() => a!.page.evaluate((id) => window.__game!.remote(id), bob.sessionId),
      (p) => p !== null && p.x === him.x && p.y === him.y, 3000, "page 1 drawing bob where he stopped");
    const target = await a!.page.evaluate((id) => {
      const p = window.__game!.remote(id)!;
      return window.__game!.toScreen(p.x, p.y);
    }, bob.sessionId);
    const viewport = a!.page.viewportSize()!;
    expect(target!.x).toBeGreaterThan(0);
    expect(target!.x).toBeLessThan(viewport.width);
    await a!.page.mouse.move(target!.x, target!.y);
    const healthSeen: (number | undefined)[] = [];
    const fireAt = Date.now();
    await a!.page.mouse.down();
    try {
      await until(async () => (await snapshot(b!.page)).local!, (l) => {
        if (healthSeen.at(-1) !== l.health) healthSeen.push(l.health);
        return l.health === 0;
      }, 8000, "bob (on page 2) dying", 10);
    } finally {
      await a!.page.mouse.up();
    }
    // Page 1 records every frame through the respawn (2 s after the death): where does it draw bob?
    const watchingRespawn = recordFrames(a!.page, 4500, bob.sessionId);
    console.info(`[e2e] shooting from ${Math.round(dist)} px: page 2 saw health ${healthSeen.join(" -> ")} within ${Date.now() - fireAt} ms of the trigger going down`);
    // Page 2 saw its health go down in steps of one shot's damage before dying.
    expect(healthSeen[0]).toBe(MAX_HEALTH);
    expect(healthSeen).toContain(MAX_HEALTH - SHOT_DAMAGE);
    expect(healthSeen.at(-1)).toBe(0);

    // The score changed on both pages.
    for (const page of [a!.page, b!.page]) {
      await until(async () => [await serverPlayer(page, alice.sessionId), await serverPlayer(page, bob.sessionId)] as const,
        ([al, bo]) => al?.kills === 1 && bo?.deaths === 1, 3000, "kills and deaths on every page");
    }
    expect((await snapshot(a!.page)).local).toMatchObject({ kills: 1, deaths: 0 });
    expect((await snapshot(b!.page)).local).toMatchObject({ kills: 0, deaths: 1, health: 0 });

    // Respawn: full health at a spawn point, seen by both pages.
    const diedAt = Date.now();
    // (local() pairs the state's health with the last drawn position: wait for the drawing to follow.)
    const back = await until(() => snapshot(b!.page), (s) => {
      const own = s.players.find((p) => p.id === bob.sessionId);
      return s.local?.health === MAX_HEALTH && !!own && own.x === s.local.x && own.y === s.local.y;
    }, 5000, "bob respawning");
    const respawned = back.local!;
    console.info(`[e2e] respawned after ${Date.now() - diedAt} ms at (${respawned.x}, ${respawned.y}); kills/deaths seen on both pages`);
    expect(ARENA_MAP.spawnPoints.some((sp) => sp.x === respawned.x && sp.y === respawned.y)).toBe(true);
    await until(() => serverPlayer(a!.page, bob.sessionId), (p) => p?.health === MAX_HEALTH, 3000, "page 1 seeing bob respawned");
    // Page 1 drew bob where he died, then where he respawned, never on the way between (the
    // respawn is a cut for remote players too).
    const drawn = (await watchingRespawn).filter((f) => f.remote).map((f) => f.remote!);
    const at = (p: { x: number; y: number }, q: { x: number; y: number }): boolean => p.x === q.x && p.y === q.y;
    expect(drawn.filter((p) => !at(p, him) && !at(p, respawned)), "page 1 drawing bob between his death and respawn spots").toEqual([]);
    expect(drawn.some((p) => at(p, respawned)), "page 1's recording reached the respawn").toBe(true);
    // The respawn moved bob across the map, but the server marked it as a teleport: page 2 cut to
    // the spawn point and counted it apart. Bob stood still while shot, so nothing was mispredicted.
    const bobStats = (await snapshot(b!.page)).stats;
    console.info(`[e2e] page 2 after the respawn: corrections ${bobStats.corrections}, teleports ${bobStats.teleports}`);
    expect(bobStats.teleports).toBeGreaterThanOrEqual(1);
    expect(bobStats.corrections).toBe(0);
    expect(a!.consoleErrors()).toEqual([]);
    expect(b!.consoleErrors()).toEqual([]);
  });
});
