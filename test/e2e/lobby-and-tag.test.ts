import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { TAG_MAP } from "@arena/shared/games/tag";
import { e2eSuite } from "./helpers/suite.js";
import { GamePage } from "./helpers/browser.js";
import { localPosition, recordFrames, snapshot, until, waitForReady, walkUntil } from "./helpers/game.js";
import type {} from "../../client/src/lobby/lobby.js"; // window.__lobby

interface LobbyRoom { roomId: string; name: string; clients: number; maxClients: number }

function lobbyRooms(page: Page): Promise<LobbyRoom[]> {
  return page.evaluate(() => (window.__lobby?.ready ? window.__lobby.rooms() : []));
}

// The lobby, share links and the second game (tag) in real Chromium against the real server.
e2eSuite("lobby and tag", {}, (env) => {
  let tagRoomId = "";

  it("the lobby lists a tag room and its player count updates live", async () => {
    const runner = await env().open({ name: "runner", params: { play: "tag" } });
    const first = await waitForReady(runner.page);
    tagRoomId = first.roomId;
    // The address bar now holds the room's own link (what "share" copies).
    expect(new URL(runner.page.url()).search).toBe(`?type=tag&room=${tagRoomId}`);

    const context = await env().browser.newContext({ viewport: { width: 1000, height: 800 } });
    const lobby = new GamePage("lobby", await context.newPage(), context);
    env().pages.push(lobby);
    await lobby.page.goto(`${env().server.httpUrl}/`);
    const listed = await until(() => lobbyRooms(lobby.page), (rooms) => rooms.some((r) => r.roomId === tagRoomId && r.clients === 1), 10_000, "tag room listed");
    expect(listed.find((r) => r.roomId === tagRoomId)).toMatchObject({ name: "tag", maxClients: 10 });
    expect(await lobby.page.locator(`tr[data-room-id="${tagRoomId}"] td.players`).textContent()).toBe("1 / 10");

    // A second runner joins through the share link; the lobby shows it without a reload.
    const guest = await env().open({ name: "guest", params: { type: "tag", room: tagRoomId, play: "" } });
    const second = await waitForReady(guest.page);
    expect(second.roomId).toBe(tagRoomId);
    await until(() => lobbyRooms(lobby.page), (rooms) => rooms.some((r) => r.roomId === tagRoomId && r.clients === 2), 10_000, "count 2 live");

    // Quick play from the lobby joins the fullest tag room with space: this one.
    await lobby.page.fill("#player-name", "lobbyist");
    await lobby.page.click('article[data-room="tag"] button.quick-play');
    const third = await waitForReady(lobby.page);
    expect(third.roomId).toBe(tagRoomId);
    expect(third.players.map((p) => p.name).sort()).toEqual(["guest", "lobbyist", "runner"]);
    for (const page of env().pages) expect(page.consoleErrors()).toEqual([]);
  });

  it("tag: keys move the predicted runner, other pages see it, no corrections while running", async () => {
    const runner = env().pages.find((p) => p.label === "runner");
    const guest = env().pages.find((p) => p.label === "guest");
    const me = await snapshot(runner!.page);
    const start = (await localPosition(runner!.page))!;
    // Run toward the middle of the field (away from the edge the runner spawned at).
    const key = start.x < TAG_MAP.widthPx / 2 ? "ArrowRight" : "ArrowLeft";
    const moved = await walkUntil(runner!.page, key, (p) => Math.abs(p.x - start.x) >= 120);
    expect(Math.abs(moved.x - start.x)).toBeGreaterThanOrEqual(120);
    await until(() => guest!.page.evaluate((id) => window.__game!.remote(id), me.sessionId),
      (p) => p !== null && Math.abs(p.x - start.x) >= 120, 5000, "guest page drawing the runner where it went");
    // Run back for 2 s while recording every frame: predictions never needed correcting.
    await runner!.page.keyboard.down(key === "ArrowRight" ? "ArrowLeft" : "ArrowRight");
    const frames = await recordFrames(runner!.page, 2000);
    await runner!.page.keyboard.up(key === "ArrowRight" ? "ArrowLeft" : "ArrowRight");
    // Frames are few with three pages rendering in software on 2 cores; this is about corrections.
    expect(frames.length).toBeGreaterThan(5);
    expect((await snapshot(runner!.page)).stats.corrections).toBe(0);
  });

  it("tag: key 2 shows the runner's emote (a game message) above it on every page", async () => {
    const runner = env().pages.find((p) => p.label === "runner")!;
    const guest = env().pages.find((p) => p.label === "guest")!;
    const me = await snapshot(runner.page);
    const emoteOf = (page: Page): Promise<string | null> => page.evaluate((id) => window.__game!.emote(id), me.sessionId);
    expect(await emoteOf(guest.page)).toBe("");
    await runner.page.keyboard.press("2");
    // Sent by the scene, validated and broadcast by the server, drawn for 1.5 s by each page.
    await until(() => emoteOf(guest.page), (text) => text === "Catch me!", 5000, "the guest page showing the runner's emote");
    await until(() => emoteOf(runner.page), (text) => text === "Catch me!", 5000, "the runner's own page showing it");
    for (const page of [runner, guest]) expect(page.consoleErrors()).toEqual([]);
  });
});
