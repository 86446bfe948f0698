import { expect, it } from "vitest";
import type { Browser, BrowserContext, CDPSession, Page } from "playwright-core";
import { isBotId } from "@arena/shared";
import { e2eSuite } from "./helpers/suite.js";
import { GamePage } from "./helpers/browser.js";
import { localPosition, snapshot, until, waitForReady, walkUntil } from "./helpers/game.js";
import { overlaps, type Box } from "./helpers/boxes.js";

/** Server-side bots fill every room up to 4 players: they fight, kill and get killed. */
const BOT_FILL = 4;

/** A phone: touch screen, mobile viewport (portrait), its own storage. */
async function openPhone(browser: Browser, url: string, label: string): Promise<{ game: GamePage; cdp: CDPSession; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const game = new GamePage(label, page, context);
  await page.goto(url);
  return { game, cdp: await context.newCDPSession(page), context };
}

/** One or more fingers on the screen (CDP touch events: the way a phone's browser gets them). */
type Finger = { id: number; x: number; y: number };
async function touch(cdp: CDPSession, type: "touchStart" | "touchMove" | "touchEnd", fingers: Finger[]): Promise<void> {
  await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: fingers.map((f) => ({ id: f.id, x: f.x, y: f.y, radiusX: 8, radiusY: 8, force: 1 })) });
}

/** The HUD's boxes on the page: the canvas-drawn pieces (test hook) and the DOM lobby link and sound button. */
async function hudBoxes(page: Page): Promise<Record<string, Box>> {
  return page.evaluate(() => {
    const boxes: Record<string, { x: number; y: number; width: number; height: number }> = { ...window.__game!.hud() };
    for (const [name, selector] of [["lobbyLink", ".back-to-lobby"], ["soundButton", ".mute-toggle"]] as const) {
      const el = document.querySelector(selector);
      if (el) {
        const r = el.getBoundingClientRect();
        boxes[name] = { x: r.x, y: r.y, width: r.width, height: r.height };
      }
    }
    return boxes;
  });
}

/** docs/<file>: the game as a player sees it, without the network overlay (F3 hides it for the picture). */
async function screenshot(page: Page, file: string): Promise<void> {
  await page.keyboard.press("F3");
  await page.screenshot({ path: new URL(`../../docs/${file}`, import.meta.url).pathname });
  await page.keyboard.press("F3");
}

const sounds = (page: Page): Promise<Record<string, number>> => page.evaluate(() => window.__game!.sounds());

e2eSuite("touch controls and game feedback", { BOT_FILL: String(BOT_FILL) }, (env) => {
  it("phone (touch, 390x844): the left stick moves the player, the right thumb aims and fires (the server resolves the shots), the HUD does not overlap upright or sideways", async () => {
    const { game, cdp } = await openPhone(env().browser, `${env().server.httpUrl}/?create=arena&name=thumbs&debug`, "phone");
    env().pages.push(game);
    const page = game.page;
    const start = await waitForReady(page);
    expect(await page.evaluate(() => window.__game!.touch)).toBe(true);
    const from = start.players.find((p) => p.id === start.sessionId)!;

    // Portrait, with the network overlay open (?debug), the controls hint (its first seconds) and the touch controls shown.
    const portrait = await hudBoxes(page);
    expect(Object.keys(portrait)).toEqual(expect.arrayContaining(["stats", "scoreboard", "overlay", "hint", "stick", "aim", "lobbyLink", "soundButton"]));
    expect(overlaps(portrait), "HUD overlaps, portrait").toEqual([]);
    for (const box of Object.values(portrait)) expect(box.x + box.width).toBeLessThanOrEqual(390);

    // Left thumb down in the left half and dragged 60 px right: full deflection to the right.
    await touch(cdp, "touchStart", [{ id: 1, x: 90, y: 640 }]);
    await touch(cdp, "touchMove", [{ id: 1, x: 150, y: 640 }]);
    const moved = await until(() => snapshot(page), (s) => {
      const me = s.players.find((p) => p.id === s.sessionId);
      return !!me && me.x >= from.x + 60;
    }, 10_000, "the server moving the player right");
    expect(moved.players.find((p) => p.id === moved.sessionId)!.y, "a straight drag moves straight").toBe(from.y);

    // Right thumb down on the right half (left thumb still down) and dragged up: aim up and fire while held.
    const shotsBefore = (await page.evaluate(() => window.__game!.shots()))!.resolved;
    await touch(cdp, "touchStart", [{ id: 1, x: 150, y: 640 }, { id: 2, x: 300, y: 640 }]);
    await touch(cdp, "touchMove", [{ id: 1, x: 150, y: 640 }, { id: 2, x: 300, y: 580 }]);
    await until(() => page.evaluate(() => window.__game!.shots()!.resolved), (n) => n >= shotsBefore + 2, 10_000, "the server resolving the touch's shots");
    // Own shots are heard as they are fired (predicted: the server may resolve more while a held
    // trigger's inputs stall, since it repeats a missing input).
    await until(() => sounds(page), (heard) => (heard.shot ?? 0) >= 2, 10_000, "own shots heard");
    // docs/phone-layout.png: PHONE_SCREENSHOT=1 npx vitest run test/e2e/touch-and-feedback.test.ts -t phone
    if (process.env.PHONE_SCREENSHOT === "1") await screenshot(page, "phone-layout.png");
    await touch(cdp, "touchEnd", []);

    // Landscape: turn the phone.
    await page.setViewportSize({ width: 844, height: 390 });
    // Laid out again once the game has seen the resize (every piece within the new height).
    const landscape = await until(() => hudBoxes(page), (boxes) => !!boxes.scoreboard && !!boxes.aim && boxes.aim.x > 600
      && Object.values(boxes).every((b) => b.y + b.height <= 390), 5000, "the HUD laid out for landscape");
    expect(Object.keys(landscape)).toEqual(expect.arrayContaining(["stats", "scoreboard", "overlay", "stick", "aim", "lobbyLink", "soundButton"]));
    expect(overlaps(landscape), "HUD overlaps, landscape").toEqual([]);
    if (process.env.PHONE_SCREENSHOT === "1") await screenshot(page, "phone-layout-landscape.png");
    expect(game.consoleErrors()).toEqual([]);
    await game.close();
  });

  it("killed by a bot: the kill feed and 'Killed by <bot> [bot]' with the respawn countdown, bots labelled, the sounds of being hit, dying and respawning; the lobby counts the bots apart", async () => {
    const game = await env().open({ name: "target", params: { create: "arena", play: "" } });
    const page = game.page;
    const ready = await waitForReady(page);
    // Bots are labelled as such over their heads.
    const bots = await until(() => snapshot(page), (s) => s.players.filter((p) => isBotId(p.id)).length === BOT_FILL - 1, 10_000, "the bots seated");
    const botId = bots.players.find((p) => isBotId(p.id))!.id;
    const tag = await until(() => page.evaluate((id) => window.__game!.nameTag(id), botId), (t) => t !== null, 10_000, "a bot drawn");
    expect(tag).toMatch(/^Bot \d+ \[bot\]$/);
    expect(await page.evaluate((id) => window.__game!.nameTag(id), ready.sessionId)).toBe("target");

    // The lobby shows who is in the room: one person and three bots.
    const context = await env().browser.newContext({ viewport: { width: 1000, height: 800 } });
    const lobby = new GamePage("lobby", await context.newPage(), context);
    env().pages.push(lobby);
    await lobby.page.goto(`${env().server.httpUrl}/`);
    const cell = lobby.page.locator(`tr[data-room-id="${ready.roomId}"] td.players`);
    await until(() => cell.textContent({ timeout: 10_000 }), (t) => t === `1 player + ${BOT_FILL - 1} bots · 1 / 16`, 10_000, "the lobby's count");
    await lobby.close();

    // Standing still, the newcomer is shot by the bots (after its spawn protection) until it dies.
    const dead = await until(async () => ({
      banner: await page.evaluate(() => window.__game!.banner()),
      feed: await page.evaluate(() => window.__game!.killFeed()),
    }), (s) => s.banner.startsWith("Killed by"), 60_000, "being killed", 20);
    expect(dead.banner).toMatch(/^Killed by Bot \d+ \[bot\]\nRespawn in [12] s$/);
    const killer = dead.banner.split("\n")[0]!.slice("Killed by ".length);
    expect(dead.feed).toContain(`${killer} shot you`);
    const heard = await sounds(page);
    expect(heard.hurt ?? 0, "being hit is heard").toBeGreaterThanOrEqual(3);
    expect(heard.death, "dying is heard").toBe(1);
    // The countdown reaches the respawn, which is heard too.
    await until(() => page.evaluate(() => window.__game!.banner()), (b) => b === "", 10_000, "the respawn");
    expect((await sounds(page)).respawn).toBe(1);
    // Others' kills are in the feed as they happen (bots fight each other too): every line reads "A shot B".
    for (const line of await page.evaluate(() => window.__game!.killFeed())) expect(line).toMatch(/^.+ shot .+$/);
    expect(game.consoleErrors()).toEqual([]);
    // Closed now: a page left rendering would slow the next tests' pages on a busy 2-core machine.
    await game.close();
  });

  it("mute: the sound button silences the game and is remembered on the next visit; M turns sound back on", async () => {
    const game = await env().open({ name: "quiet", params: { create: "arena", play: "" } });
    const page = game.page;
    await waitForReady(page);
    expect(await page.locator(".mute-toggle").getAttribute("aria-pressed")).toBe("false");
    await page.click(".mute-toggle");
    expect(await page.locator(".mute-toggle").getAttribute("aria-pressed")).toBe("true");
    // A later visit (the room left behind closes when its only person leaves: a new one).
    await page.goto(`${env().server.httpUrl}/?create=arena&name=quiet`);
    await waitForReady(page);
    expect(await page.locator(".mute-toggle").getAttribute("aria-pressed"), "muted on the next visit").toBe("true");
    // Shooting (mouse held) while muted: shots resolved by the server, none heard.
    const fire = async (shots: number): Promise<void> => {
      const before = (await page.evaluate(() => window.__game!.shots()))!.resolved;
      await page.mouse.move(600, 200);
      await page.mouse.down();
      try {
        await until(() => page.evaluate(() => window.__game!.shots()!.resolved), (n) => n >= before + shots, 10_000, `${shots} shots resolved`);
      } finally {
        await page.mouse.up();
      }
    };
    await fire(2);
    expect((await sounds(page)).shot ?? 0, "nothing heard while muted").toBe(0);
    await page.keyboard.press("m");
    expect(await page.locator(".mute-toggle").getAttribute("aria-pressed")).toBe("false");
    // Heard again: each shot is heard as it is fired (not when the server resolves it, so counting
    // resolved shots here would also count one fired, unheard, before M).
    await page.mouse.down();
    try {
      await until(() => sounds(page), (heard) => (heard.shot ?? 0) >= 2, 10_000, "two shots heard after M");
    } finally {
      await page.mouse.up();
    }
    expect(await page.evaluate(() => window.localStorage.getItem("arena.muted"))).toBe("0");
    expect(game.consoleErrors()).toEqual([]);
    await game.close();
  });

  it("tag on a phone: the run stick steers the chaser (it) to the runner, and the tag is heard", async () => {
    const { game, cdp } = await openPhone(env().browser, `${env().server.httpUrl}/?create=tag&name=chaser`, "tag-phone");
    env().pages.push(game);
    const chaser = await waitForReady(game.page);
    // The first in a tag room is it. A runner joins (the spawn farthest away, bottom right) and
    // walks up to the top lane's right end, where the chaser comes for it.
    const runner = await env().open({ name: "runner", params: { type: "tag", room: chaser.roomId, play: "" } });
    await waitForReady(runner.page);
    await walkUntil(runner.page, "ArrowUp", (p) => p.y <= 90, 20_000);
    const from = (await localPosition(game.page))!;
    expect(await game.page.evaluate(() => Object.keys(window.__game!.hud()))).toEqual(expect.arrayContaining(["stick", "dash"]));
    // The left thumb steers toward the runner (the top lane is free of pillars) until "it" passes on.
    await touch(cdp, "touchStart", [{ id: 1, x: 90, y: 640 }]);
    try {
      await until(async () => {
        const snap = await snapshot(game.page);
        const me = snap.players.find((p) => p.id === snap.sessionId);
        const target = snap.players.find((p) => p.name === "runner");
        if (me && target) {
          const d = Math.hypot(target.x - me.x, target.y - me.y) || 1;
          await touch(cdp, "touchMove", [{ id: 1, x: 90 + ((target.x - me.x) / d) * 56, y: 640 + ((target.y - me.y) / d) * 56 }]);
        }
        return sounds(game.page);
      }, (heard) => (heard.tag ?? 0) >= 1, 30_000, "the chaser hearing its tag", 150);
    } finally {
      await touch(cdp, "touchEnd", []);
    }
    const to = (await localPosition(game.page))!;
    expect(to.x - from.x, "the stick ran the chaser right").toBeGreaterThan(100);
    expect(game.consoleErrors()).toEqual([]);
    expect(runner.consoleErrors()).toEqual([]);
  });
});
