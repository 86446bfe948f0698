import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { SOCCER_BALL_ID, SOCCER_HEIGHT_PX, SOCCER_WIDTH_PX } from "@arena/shared/games/soccer";
import { e2eSuite } from "./helpers/suite.js";
import { localPosition, snapshot, until, waitForReady, walkUntil } from "./helpers/game.js";

/** The ball as the page drew it: the "balls" collection through the hook's `entities`. */
const drawnBall = (page: Page): Promise<{ x: number; y: number } | null> => page.evaluate((id) => {
  const ball = window.__game!.entities("balls").find((e) => e.id === id);
  return ball ? { x: ball.x, y: ball.y } : null;
}, SOCCER_BALL_ID);

// Soccer in real Chromium against the real server, behind a simulated 200 ms (+-30) link.
e2eSuite("soccer", {}, (env) => {
  it("joins soccer at ?lag=200&jitter=30, draws the ball on the centre spot, runs into it and pushes it, turns back, with no corrections", async () => {
    const player = await env().open({ name: "striker", params: { play: "soccer", lag: "200", jitter: "30" } });
    const ready = await waitForReady(player.page);
    expect(new URL(player.page.url()).searchParams.get("type")).toBe("soccer");
    expect(ready.status).toBe("playing");
    const ball = await until(() => drawnBall(player.page), (b) => b !== null, 10_000, "the ball drawn");
    expect(ball).toEqual({ x: SOCCER_WIDTH_PX / 2, y: SOCCER_HEIGHT_PX / 2 });
    // The scene base binds the camera and name tags for every game: the ball's centre spot is on the page.
    const onPage = await player.page.evaluate(({ x, y }) => window.__game!.toScreen(x, y), ball!);
    expect(onPage).not.toBeNull();
    expect(onPage!.x).toBeGreaterThan(0);
    expect(await player.page.evaluate(() => window.__game!.nameTag(window.__game!.sessionId))).toBe("striker");
    // The first player kicks off from the left of the ball, on its line: run right into it.
    const start = (await localPosition(player.page))!;
    expect(start.x).toBeLessThan(ball!.x);
    await player.page.keyboard.down("ArrowRight");
    try {
      await until(() => drawnBall(player.page), (b) => b !== null && b.x > ball!.x + 40, 15_000, "the ball drawn pushed along");
    } finally {
      await player.page.keyboard.up("ArrowRight");
    }
    const moved = (await localPosition(player.page))!;
    expect(moved.x).toBeGreaterThan(start.x + 60);
    const back = await walkUntil(player.page, "ArrowLeft", (p) => p.x < moved.x - 10);
    expect(back.x).toBeLessThan(moved.x);
    const snap = await snapshot(player.page);
    expect(snap.stats.corrections).toBe(0);
    expect(snap.players.map((p) => p.name)).toEqual(["striker"]);
    expect(player.consoleErrors()).toEqual([]);
  });

  it("the lobby lists soccer with its controls", async () => {
    const context = await env().browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(`${env().server.httpUrl}/`);
      const card = page.locator('article[data-room="soccer"]');
      await card.waitFor({ timeout: 10_000 });
      expect(await card.textContent()).toContain("Space to kick");
    } finally {
      await context.close();
    }
  });
});
