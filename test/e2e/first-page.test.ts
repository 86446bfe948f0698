import { expect, it } from "vitest";
import type { Page, Response } from "playwright-core";
import { Client, type Room } from "colyseus.js";
import { TAG_MAX_PLAYERS } from "@arena/shared/games/tag";
import { e2eSuite, type E2E } from "./helpers/suite.js";
import { GamePage } from "./helpers/browser.js";
import { until, waitForReady } from "./helpers/game.js";
import { guestToken } from "../../server/src/tools/bots/guest-token.js";
import { ROOM_FULL_TEXT } from "../../client/src/net/close-reasons.js";
import type {} from "../../client/src/lobby/lobby.js"; // window.__lobby

/** Phaser's chunk in the built client (client/vite.config.ts names it). */
const PHASER_CHUNK = /\/assets\/phaser-[\w-]+\.js$/;
/** Upper bound for the lobby's bytes until interactive: everything the old single bundle was (1.6 MB) is far above it. */
const LOBBY_MAX_BYTES = 400_000;

interface FirstPageFigures {
  /** Bytes on the wire (headers included) of every response finished before the room list was interactive. */
  bytes: number;
  requests: number;
  /** Navigation start to the room list interactive, ms. */
  interactiveMs: number;
}

/** What the page loaded before window.__lobby turned ready, from the browser's own Resource Timing. */
function lobbyFigures(page: Page): Promise<FirstPageFigures> {
  return page.evaluate(() => {
    // (A lobby without readyAtMs, e.g. before it existed: now, within a poll of turning ready.)
    const readyAt = window.__lobby!.readyAtMs ?? performance.now();
    const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")] as PerformanceResourceTiming[];
    const before = entries.filter((e) => e.responseEnd <= readyAt);
    return { bytes: before.reduce((sum, e) => sum + e.transferSize, 0), requests: before.length, interactiveMs: readyAt };
  });
}

async function newPage(label: string, env: E2E, init?: (page: Page) => Promise<void>): Promise<GamePage> {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = new GamePage(label, await context.newPage(), context);
  env.pages.push(page);
  if (init) await init(page.page);
  return page;
}

// The first page (lobby) without Phaser, its figures, the copy-link fallback and the words for a full room.
e2eSuite("first page", {}, (env) => {
  it("the lobby is interactive without fetching Phaser; joining a room fetches it", async () => {
    const lobby = await newPage("lobby", env());
    const fetched: string[] = [];
    lobby.page.on("response", (res: Response) => fetched.push(new URL(res.url()).pathname));
    await lobby.page.goto(`${env().server.httpUrl}/`);
    await lobby.page.waitForFunction(() => window.__lobby?.ready === true, null, { timeout: 20_000, polling: 50 });
    const figures = await lobbyFigures(lobby.page);
    console.log(`[first page] lobby: ${figures.bytes} bytes in ${figures.requests} responses, interactive at ${Math.round(figures.interactiveMs)} ms`);
    expect(await lobby.page.locator(".lobby-status").textContent()).toBe("Rooms update live.");
    expect(fetched.filter((p) => PHASER_CHUNK.test(p))).toEqual([]);
    expect(figures.bytes).toBeGreaterThan(10_000); // the lobby's own script was counted
    expect(figures.bytes).toBeLessThan(LOBBY_MAX_BYTES);

    // The name field counts visible characters and stops at the limit without splitting an emoji.
    const family = "👨‍👩‍👧‍👦";
    await lobby.page.fill("#player-name", family.repeat(20));
    expect(await lobby.page.inputValue("#player-name")).toBe(family.repeat(16));
    expect(await lobby.page.locator("#name-count").textContent()).toBe("16 / 16");
    await lobby.page.fill("#player-name", "first");
    expect(await lobby.page.locator("#name-count").textContent()).toBe("5 / 16");

    // Quick play from the lobby: the game page loads Phaser's chunk and plays.
    await lobby.page.click('article[data-room="arena"] button.quick-play');
    await waitForReady(lobby.page);
    expect(fetched.filter((p) => PHASER_CHUNK.test(p))).toHaveLength(1);
    expect(lobby.consoleErrors()).toEqual([]);
  });

  it("'Copy link' without a clipboard shows the link selected, and never says 'Copied'", async () => {
    // A room to share: one player seated from this process.
    const client = new Client(env().server.wsUrl);
    client.auth.token = await guestToken(env().server.httpUrl, "host");
    const seat = await client.create("arena");
    const arenaRoomId = seat.roomId;
    try {
      // navigator.clipboard is missing on any plain-http address other than localhost.
      const lobby = await newPage("no-clipboard", env(), async (page) => {
        await page.addInitScript(() => {
          Object.defineProperty(Navigator.prototype, "clipboard", { configurable: true, get: () => undefined });
        });
      });
      await lobby.page.goto(`${env().server.httpUrl}/`);
      const row = lobby.page.locator(`tr[data-room-id="${arenaRoomId}"]`);
      await row.waitFor({ timeout: 10_000 });
      await row.locator("button.copy-link").click();
      const field = lobby.page.locator('article[data-room="arena"] input.share-link');
      await field.waitFor({ state: "visible", timeout: 5000 });
      const link = `${env().server.httpUrl}/?type=arena&room=${arenaRoomId}`;
      const shown = await field.evaluate((input: HTMLInputElement) => ({
        value: input.value, focused: document.activeElement === input,
        selected: input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0),
      }));
      expect(shown).toEqual({ value: link, focused: true, selected: link });
      expect(await lobby.page.locator("button.copy-link", { hasText: "Copied" }).count()).toBe(0);

      // With a clipboard that works, the link goes there and the button says so.
      const withClipboard = await newPage("clipboard", env(), async (page) => {
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: env().server.httpUrl });
      });
      await withClipboard.page.goto(`${env().server.httpUrl}/`);
      const row2 = withClipboard.page.locator(`tr[data-room-id="${arenaRoomId}"]`);
      await row2.waitFor({ timeout: 10_000 });
      await row2.locator("button.copy-link").click();
      await until(() => withClipboard.page.evaluate(() => navigator.clipboard.readText()), (text) => text === link, 5000, "the link on the clipboard");
      expect(await withClipboard.page.locator(`tr[data-room-id="${arenaRoomId}"] button.copy-link`).textContent()).toBe("Copied");
      for (const page of [lobby, withClipboard]) expect(page.consoleErrors()).toEqual([]);
    } finally {
      await seat.leave(true).catch(() => undefined);
    }
  });

  it("joining a full room by its id says the room is full and what to do, not 'locked'", async () => {
    // Fill a tag room: 4 guests, each allowed 3 seats (the per-player session quota).
    const seats: Room[] = [];
    try {
      const clients: Client[] = [];
      for (let i = 0; i < 4; i++) {
        const client = new Client(env().server.wsUrl);
        client.auth.token = await guestToken(env().server.httpUrl, `filler${i}`);
        clients.push(client);
      }
      seats.push(await clients[0]!.create("tag"));
      const tagRoomId = seats[0]!.roomId;
      while (seats.length < TAG_MAX_PLAYERS) seats.push(await clients[Math.floor(seats.length / 3)]!.joinById(tagRoomId));

      const late = await env().open({ name: "late", params: { type: "tag", room: tagRoomId, play: "" } });
      await late.page.waitForFunction(() => window.__game?.status === "error", null, { timeout: 20_000, polling: 50 });
      const message = await late.page.evaluate(() => window.__game!.message);
      expect(message).toBe(ROOM_FULL_TEXT);
      expect(message).not.toMatch(/locked|Is the server running/);
      // A refusal is not a page error: the server answered.
      expect(late.consoleErrors()).toEqual([]);
    } finally {
      for (const room of seats) await room.leave(true).catch(() => undefined);
    }
  });
});
