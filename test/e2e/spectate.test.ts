import { expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { isBotId } from "@arena/shared";
import { ARENA_MAP } from "@arena/shared/games/arena";
import { cameraBounds } from "../../client/src/game/common/camera-bounds.js";
import { guestToken } from "../../server/src/tools/bots/guest-token.js";
import { e2eSuite } from "./helpers/suite.js";
import { GamePage } from "./helpers/browser.js";
import { snapshot, until, waitForReady } from "./helpers/game.js";
import { overlaps } from "./helpers/boxes.js";

/** One person (this test's colyseus.js player) plus bots: BOT_FILL 4 seats 3 bots beside it. */
const BOT_FILL = 4;

/** The page's viewport (openGame's default), CSS px = game px. */
const VIEW = { width: 1024, height: 640 };

/**
 * Is the camera on world point `at` (seen drawn at `screen`)? Centred on it, except where the
 * camera stops at the map's edges (the scene's cameraBounds): then as close as those allow.
 * Within 30 px: the point may move between the camera's update and the read.
 */
function cameraOn(at: { x: number; y: number }, screen: { x: number; y: number }): boolean {
  const b = cameraBounds(ARENA_MAP, VIEW.width, VIEW.height);
  const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), hi);
  const scrollX = clamp(at.x - VIEW.width / 2, b.x, b.x + b.width - VIEW.width);
  const scrollY = clamp(at.y - VIEW.height / 2, b.y, b.y + b.height - VIEW.height);
  return Math.abs(screen.x - (at.x - scrollX)) < 30 && Math.abs(screen.y - (at.y - scrollY)) < 30;
}

/** Where player `id` is drawn, in the world and on the page, or null. */
function drawnOnScreen(id: string): { at: { x: number; y: number }; screen: { x: number; y: number } } | null {
  const at = window.__game!.remote(id);
  const screen = at ? window.__game!.toScreen(at.x, at.y) : null;
  return at && screen ? { at, screen } : null;
}

/** The names a watching page may click or tap (page boxes, with whether each is highlighted). */
function rowsOf(page: GamePage["page"]) {
  return page.evaluate(() => window.__game!.scoreboardRows());
}
/** Where the world's origin is on the page: it moves exactly when the camera does. */
function originOnScreen(page: GamePage["page"]): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => window.__game!.toScreen(0, 0));
}

/** A free camera stays where it is: the origin on the page does not move over 30 frames (while players move). */
async function expectCameraParked(page: GamePage["page"]): Promise<void> {
  const parked = (await originOnScreen(page))!;
  const framesParked = (await snapshot(page)).frames;
  await until(() => snapshot(page), (s) => s.frames >= framesParked + 30, 10_000, "30 frames with a free camera");
  expect(await originOnScreen(page)).toEqual(parked);
}

const centre = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 });

/**
 * Click player `id`'s name on the scoreboard as a person would: the mouse rests on the board first
 * (which holds its order, though bots' kills re-sort it), then clicks where the name is drawn now.
 */
async function clickName(page: GamePage["page"], id: string): Promise<void> {
  const aimed = (await rowsOf(page)).find((r) => r.id === id)!;
  await page.mouse.move(centre(aimed).x, centre(aimed).y);
  const rested = (await snapshot(page)).frames;
  await until(() => snapshot(page), (s) => s.frames >= rested + 2, 5000, "two frames with the mouse on the board");
  const now = (await rowsOf(page)).find((r) => r.id === id)!;
  await page.mouse.click(centre(now).x, centre(now).y);
}

/**
 * Tap player `id`'s name on the scoreboard as a person would. A finger gives no hover to hold the
 * board's order before the tap (scores re-sort it every second), so the first tap may land on a
 * neighbour as the board moves; it holds the order, and a second tap, if needed, is on a still board.
 */
async function tapName(page: GamePage["page"], id: string): Promise<void> {
  for (let tap = 1; tap <= 2; tap++) {
    const before = await page.evaluate(() => window.__game!.following());
    const row = (await rowsOf(page)).find((r) => r.id === id)!;
    await page.touchscreen.tap(centre(row).x, centre(row).y);
    const tapped = (await snapshot(page)).frames;
    const now = await until(async () => ({ id: await page.evaluate(() => window.__game!.following()), frames: (await snapshot(page)).frames }),
      (s) => s.id !== before || s.frames >= tapped + 60, 10_000, "the tap answered (or 60 frames)");
    if (now.id === id) return;
  }
}

/** How far (world px) a drawn player must move to count as "seen moving": several ticks of a bot's walk. */
const MOVED_PX = 20;

e2eSuite("spectator page", { BOT_FILL: String(BOT_FILL) }, (env) => {
  it("watches a bot match by link (?room=<id>&watch): players drawn moving, Tab follows the next one, no player of its own", async () => {
    // The room: one person seated from this process (so bots fill it); it stands still, the bots move.
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, "host");
    const host: Room = await client.create("arena");
    host.onMessage("*", () => undefined); // shots, input stats: not this test's business
    try {
      const watcher = await env().open({ name: "watcher", params: { play: "", room: host.roomId, watch: "" } });
      // The `following` messages as they arrived on the page's socket (the server's own words, not the client's reading of them).
      const followingFrames: Buffer[] = [];
      watcher.page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => {
        const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
        if (bytes.includes("following")) followingFrames.push(bytes);
      }));
      const ready = await waitForReady(watcher.page);
      expect(ready.roomId).toBe(host.roomId);
      expect(await watcher.page.evaluate(() => window.__game!.watching)).toBe(true);
      expect(ready.local).toBeNull();

      // Bots are seated (BOT_FILL counts people plus bots), and the watcher is not a player: not in
      // the page's state, nor in the state the host's own client decodes.
      const players = (await until(() => snapshot(watcher.page), (s) => s.players.filter((p) => isBotId(p.id)).length === BOT_FILL - 1, 15_000, "the bots")).players;
      expect(players.map((p) => p.id)).not.toContain(ready.sessionId);
      expect([...(host.state as { players: Map<string, unknown> }).players.keys()]).not.toContain(ready.sessionId);
      expect(players.map((p) => p.id)).toContain(host.sessionId);

      // Players are drawn moving: some bot's drawn position changes by MOVED_PX.
      const bots = players.filter((p) => isBotId(p.id)).map((p) => p.id);
      const drawnAll = (): Promise<Record<string, { x: number; y: number } | null>> => watcher.page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.__game!.remote(id)])), bots);
      const start = await until(drawnAll, (d) => Object.values(d).some((p) => p !== null), 10_000, "a drawn bot");
      await until(drawnAll, (d) => bots.some((id) => {
        const a = start[id], b = d[id];
        return !!a && !!b && Math.hypot(b.x - a.x, b.y - a.y) >= MOVED_PX;
      }), 15_000, `a bot drawn ${MOVED_PX} px from where it was`);

      // It follows someone from the start, as the server said.
      const following = (): Promise<string | null> => watcher.page.evaluate(() => window.__game!.following());
      const first = await until(following, (id) => id !== null, 10_000, "whom the watcher follows");
      const ids = players.map((p) => p.id);
      expect(ids).toContain(first);

      // Tab: the next player; the server's `following` agrees.
      await watcher.page.keyboard.press("Tab");
      const second = await until(following, (id) => id !== first, 10_000, "a new followed player after Tab");
      expect(ids).toContain(second);
      expect(followingFrames.length).toBeGreaterThanOrEqual(2);
      expect(followingFrames.at(-1)!.includes(second!)).toBe(true);
      // And the camera is on it (centred, or as close as the map's edges allow).
      await until(() => watcher.page.evaluate(drawnOnScreen, second!), (d) => d !== null && cameraOn(d.at, d.screen), 5000, "the camera on the followed player");

      // A second Tab moves on again (no player is skipped or repeated: ids in order, wrapping).
      await watcher.page.keyboard.press("Tab");
      const third = await until(following, (id) => id !== second, 10_000, "the next followed player after a second Tab");
      expect(third).not.toBe(second);
      expect(followingFrames.at(-1)!.includes(third!)).toBe(true);

      // Arrow keys: a free camera (it moves with the key, then stays put while players move); Tab
      // then returns to the followed player without moving on to the next.
      const origin = () => originOnScreen(watcher.page);
      const before = (await origin())!;
      // Up if the view is scrolled down from the map's top edge, else down (the camera stops at the map's edges).
      const key = before.y < -20 ? "ArrowUp" : "ArrowDown";
      await watcher.page.keyboard.down(key);
      await until(origin, (o) => o !== null && Math.abs(o.y - before.y) >= 20, 5000, `the camera moved by ${key}`);
      await watcher.page.keyboard.up(key);
      await expectCameraParked(watcher.page);
      await watcher.page.keyboard.press("Tab");
      await until(() => watcher.page.evaluate(drawnOnScreen, third!), (d) => d !== null && cameraOn(d.at, d.screen), 5000, "the camera back on the followed player");
      expect(await following()).toBe(third);
      expect(watcher.consoleErrors()).toEqual([]);
    } finally {
      await host.leave(true).catch(() => undefined);
    }
  });

  it.each(["tag", "soccer"])("watches a %s room: the scene runs without a player of its own and follows one (tag: opened by the lobby's Watch button)", async (type) => {
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, `host-${type}`);
    const host: Room = await client.create(type);
    host.onMessage("*", () => undefined);
    try {
      let watcher;
      if (type === "tag") {
        // From the lobby: the room's row has a Watch button (the link `?room=<id>&watch`).
        watcher = await env().open({ name: `watcher-${type}`, params: { play: "" } });
        const row = watcher.page.locator(`tr[data-room-id="${host.roomId}"]`);
        await row.waitFor({ timeout: 10_000 });
        await row.locator("button.watch").click();
        await watcher.page.waitForURL((url) => url.searchParams.get("room") === host.roomId && url.searchParams.has("watch"), { timeout: 10_000 });
      } else {
        watcher = await env().open({ name: `watcher-${type}`, params: { play: "", room: host.roomId, watch: "" } });
      }
      const ready = await waitForReady(watcher.page);
      expect(ready.roomId).toBe(host.roomId);
      expect(ready.local).toBeNull();
      expect(ready.players.map((p) => p.id)).not.toContain(ready.sessionId);
      const followed = await until(() => watcher.page.evaluate(() => window.__game!.following()), (id) => id !== null, 10_000, "whom the watcher follows");
      expect(ready.players.map((p) => p.id)).toContain(followed);
      // A few more frames drawn without an own player, and nothing went wrong on the page.
      const frames = ready.frames;
      await until(() => snapshot(watcher.page), (s) => s.frames >= frames + 30, 10_000, "30 more frames");
      expect(watcher.consoleErrors()).toEqual([]);
    } finally {
      await host.leave(true).catch(() => undefined);
    }
  });

  it("clicking a name on the scoreboard follows that player: the server's following names it, the camera is on it, its row is highlighted", async () => {
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, "host-click");
    const host: Room = await client.create("arena");
    host.onMessage("*", () => undefined);
    try {
      const watcher = await env().open({ name: "clicker", params: { play: "", room: host.roomId, watch: "" } });
      const followingFrames: Buffer[] = [];
      watcher.page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => {
        const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
        if (bytes.includes("following")) followingFrames.push(bytes);
      }));
      await waitForReady(watcher.page);
      const following = (): Promise<string | null> => watcher.page.evaluate(() => window.__game!.following());
      const first = await until(following, (id) => id !== null, 10_000, "whom the watcher follows");
      // The host and the bots, each a row on the arena's scoreboard; the followed one highlighted.
      const rows = await until(() => rowsOf(watcher.page), (r) => r.length === BOT_FILL && r.some((row) => row.highlighted), 15_000, "a scoreboard row per player, the followed one highlighted");
      expect(rows.filter((r) => r.highlighted).map((r) => r.id)).toEqual([first]);

      // Click two other names in turn: each time the server follows that player and the camera goes there.
      const picks = rows.filter((r) => r.id !== first).slice(0, 2);
      for (const pick of picks) {
        await clickName(watcher.page, pick.id);
        await until(following, (id) => id === pick.id, 10_000, `following ${pick.id} after clicking its name`);
        expect(followingFrames.at(-1)!.includes(pick.id)).toBe(true);
        await until(() => watcher.page.evaluate(drawnOnScreen, pick.id), (d) => d !== null && cameraOn(d.at, d.screen), 5000, "the camera on the clicked player");
        await until(() => rowsOf(watcher.page), (r) => r.filter((row) => row.highlighted).map((row) => row.id).join() === pick.id, 5000, "only the clicked name highlighted");
      }
      // From a free camera (an arrow key held), a click on a name follows again.
      const last = picks.at(-1)!.id;
      const origin = () => originOnScreen(watcher.page);
      const before = (await origin())!;
      const key = before.y < -20 ? "ArrowUp" : "ArrowDown";
      await watcher.page.keyboard.down(key);
      await until(origin, (o) => o !== null && Math.abs(o.y - before.y) >= 40, 5000, `the camera moved by ${key}`);
      await watcher.page.keyboard.up(key);
      await clickName(watcher.page, last);
      await until(() => watcher.page.evaluate(drawnOnScreen, last), (d) => d !== null && cameraOn(d.at, d.screen), 5000, "the camera back on the clicked player");
      expect(await following()).toBe(last);
      // And it stays so: a click on another name would show once the server answers (the camera
      // holds the old player until then), well within 30 frames on a local link.
      const clicked = (await snapshot(watcher.page)).frames;
      await until(() => snapshot(watcher.page), (s) => s.frames >= clicked + 30, 10_000, "30 frames after the click");
      expect(await following()).toBe(last);
      expect(watcher.consoleErrors()).toEqual([]);
    } finally {
      await host.leave(true).catch(() => undefined);
    }
  });

  it.each(["arena", "tag"])("%s, watched on a short screen: the followed player's row is shown and highlighted even when it ranks below the rows that fit", async (type) => {
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, `host-short-${type}`);
    const host: Room = await client.create(type);
    host.onMessage("*", () => undefined);
    try {
      // 300 px high: room for the fewest rows the layout keeps (3), fewer than the 4 players.
      const watcher = await env().open({ name: `short-${type}`, params: { play: "", room: host.roomId, watch: "" }, viewport: { width: 844, height: 300 } });
      await waitForReady(watcher.page);
      const following = (): Promise<string | null> => watcher.page.evaluate(() => window.__game!.following());
      let followed = await until(following, (id) => id !== null, 10_000, "whom the watcher follows");
      await until(() => rowsOf(watcher.page), (r) => r.length > 0, 15_000, "the scoreboard");
      // Follow each of the 4 players in turn (Tab): one of them ranks last, below the rows that fit.
      const seen = new Set<string>();
      for (let i = 0; i < BOT_FILL; i++) {
        // Within 30 frames of the switch (not seconds: the bots' kills re-rank the board meanwhile).
        const from = (await snapshot(watcher.page)).frames;
        const board = async () => ({ rows: await rowsOf(watcher.page), frames: (await snapshot(watcher.page)).frames });
        const highlighted = (rows: { id: string; highlighted: boolean }[]) => rows.filter((row) => row.highlighted).map((row) => row.id).join();
        const { rows } = await until(board, (b) => highlighted(b.rows) === followed || b.frames >= from + 30, 10_000, `${followed}'s row highlighted, or 30 frames`);
        expect(highlighted(rows), `${followed}'s row shown and highlighted`).toBe(followed);
        expect(rows.length, "rows shown").toBe(3);
        seen.add(followed!);
        const before = followed;
        await watcher.page.keyboard.press("Tab");
        followed = await until(following, (id) => id !== before, 10_000, "the next player after Tab");
      }
      expect(seen.size).toBe(BOT_FILL);
      expect(watcher.consoleErrors()).toEqual([]);
    } finally {
      await host.leave(true).catch(() => undefined);
    }
  });

  it.each(["tag", "soccer"])("a phone watching a %s room: no stick, fire or dash controls; NEXT and a tapped name pick whom to follow", async (type) => {
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, `host-phone-${type}`);
    const host: Room = await client.create(type);
    host.onMessage("*", () => undefined);
    try {
      const context = await env().browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
      const watcher = new GamePage(`phone-watcher-${type}`, await context.newPage(), context);
      env().pages.push(watcher);
      const page = watcher.page;
      await page.goto(`${env().server.httpUrl}/?${new URLSearchParams({ name: "thumbs", room: host.roomId, watch: "" }).toString()}`);
      await waitForReady(page);
      expect(await page.evaluate(() => window.__game!.watching)).toBe(true);
      // A touch screen (the page's own test says so), yet no player's controls: only NEXT.
      expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0)).toBe(true);
      expect(await page.evaluate(() => window.__game!.touch)).toBe(false);
      const hud = await page.evaluate(() => window.__game!.hud());
      for (const control of ["stick", "aim", "dash"]) expect(hud, control).not.toHaveProperty(control);
      expect(hud).toHaveProperty("next");
      expect(Object.keys(hud)).toEqual(expect.arrayContaining(["scoreboard", "watchLine"]));
      expect(overlaps(hud), "HUD overlaps, portrait").toEqual([]);

      const following = (): Promise<string | null> => page.evaluate(() => window.__game!.following());
      const first = await until(following, (id) => id !== null, 10_000, "whom the watcher follows");
      const rows = await until(() => rowsOf(page), (r) => r.length === BOT_FILL && r.some((row) => row.highlighted), 15_000, "a row per player, the followed one highlighted");
      const ids = rows.map((r) => r.id).sort();

      // A finger dragged across the map: a free camera that moved with it and stays there (the
      // server still follows the same player). Sideways, away from the map's nearer edge.
      const cdp = await context.newCDPSession(page);
      const finger = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) =>
        cdp.send("Input.dispatchTouchEvent", { type, touchPoints: type === "touchEnd" ? [] : [{ id: 1, x, y, radiusX: 8, radiusY: 8, force: 1 }] });
      const origin = () => originOnScreen(page);
      const before = (await origin())!;
      const dragPx = before.x > -300 ? -150 : 150; // scrolled less than 300 px from the left: drag left (the view moves right)
      const from = { x: 195, y: 420 };
      await finger("touchStart", from.x, from.y);
      for (let i = 1; i <= 10; i++) await finger("touchMove", from.x + (dragPx * i) / 10, from.y);
      await finger("touchEnd", from.x + dragPx, from.y);
      await until(origin, (o) => o !== null && Math.abs(o.x - before.x) >= 60, 5000, "the camera moved with the finger");
      await expectCameraParked(page);
      expect(await following()).toBe(first);

      // NEXT: the next player by id, as Tab would.
      await page.touchscreen.tap(centre(hud.next!).x, centre(hud.next!).y);
      const second = await until(following, (id) => id !== first, 10_000, "a new followed player after NEXT");
      expect(second).toBe(ids[(ids.indexOf(first!) + 1) % ids.length]);

      // A tapped name: that player.
      const pick = (await rowsOf(page)).find((r) => r.id !== second && r.id !== first)!;
      await tapName(page, pick.id);
      await until(following, (id) => id === pick.id, 10_000, `following ${pick.id} after tapping its name`);
      await until(() => rowsOf(page), (r) => r.filter((row) => row.highlighted).map((row) => row.id).join() === pick.id, 5000, "only the tapped name highlighted");
      // Sideways too (the layout follows the resize).
      await page.setViewportSize({ width: 844, height: 390 });
      const sideways = await until(() => page.evaluate(() => window.__game!.hud()), (h) => h.next !== undefined && h.next.x > 600, 5000, "the HUD laid out sideways");
      expect(overlaps(sideways), "HUD overlaps, sideways").toEqual([]);
      expect(watcher.consoleErrors()).toEqual([]);
    } finally {
      await host.leave(true).catch(() => undefined);
    }
  });
});
