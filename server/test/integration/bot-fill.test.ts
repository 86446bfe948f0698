import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { MAX_PLAYERS_PER_ROOM, ArenaMessage, ARENA_POSES, type ArenaState, type ShotMessage } from "@arena/shared/games/arena";
import { followPoses } from "@arena/shared";
import { TAG_MAX_PLAYERS, type TagState } from "@arena/shared/games/tag";
import { BotFill, botFillFromEnv } from "../../src/framework/index.js";
import { arenaBotBrain } from "../../src/rooms/arena/arena-bot.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { tagBotBrain } from "../../src/rooms/tag/tag-bot.js";
import { collect, sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** Fill rooms completely, so bots compete with people for seats (they must not win). */
const BOT_FILL = MAX_PLAYERS_PER_ROOM;

let ts: TestServer;
beforeAll(async () => {
  // Bots are off by default (tests included); this file turns them on.
  ts = await startTestServer({ roomConfig: { botFill: BOT_FILL, reconnectGraceSec: 0 } });
});
afterAll(async () => {
  await ts?.close();
});

/** A decoded player's position (arena players' unpacked by followPoses, tag players' synced). */
const positionOf = (_state: ArenaState | TagState, p: { x: number; y: number }) => ({ x: p.x, y: p.y });
const positions = (room: Room<ArenaState> | Room<TagState>, ids: string[]) =>
  new Map(ids.map((id) => [id, positionOf(room.state, room.state.players.get(id)!)]));
const botIds = (room: Room<ArenaState> | Room<TagState>) => [...room.state.players.keys()].filter((id) => id.startsWith("bot-"));

async function joinArena(name: string, roomId?: string): Promise<Room<ArenaState>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<ArenaState>(roomId) : await client.create<ArenaState>("arena");
  followPoses(room, ARENA_POSES);
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, `${name} in state`);
  return room;
}

describe("BotFill bookkeeping", () => {
  it("fills up to the target while someone plays, newest bot leaves first, numbers are reused", () => {
    const fill = new BotFill();
    expect(fill.plan(0, 4).add).toEqual([]);
    expect(fill.plan(1, 4).add.map((s) => s.name)).toEqual(["Bot 1", "Bot 2", "Bot 3"]);
    expect(fill.plan(2, 4).remove).toEqual(["bot-3"]);
    expect(fill.plan(5, 4).remove).toEqual(["bot-2", "bot-1"]);
    expect(fill.plan(2, 4).add.map((s) => s.id)).toEqual(["bot-1", "bot-2"]);
    expect(fill.plan(1, 20, 3).add.map((s) => s.id)).toEqual([]);
    expect(fill.bots.length).toBe(2);
    expect(fill.plan(0, 4).remove.length).toBe(2);
  });

  it("reads BOT_FILL: unset is the fallback, junk is off", () => {
    expect(botFillFromEnv({})).toBe(0);
    expect(botFillFromEnv({}, 3)).toBe(3);
    expect(botFillFromEnv({ BOT_FILL: "6" })).toBe(6);
    expect(botFillFromEnv({ BOT_FILL: "-1" })).toBe(0);
    expect(botFillFromEnv({ BOT_FILL: "lots" })).toBe(0);
  });

  it("brains are deterministic and produce valid inputs", () => {
    // A brain may see a state with just itself in it.
    const arena = { tick: 0, players: new Map([["bot-1", { x: 100, y: 100, health: 100 }]]) };
    const a1 = arenaBotBrain(arena as never, "bot-1", 42);
    expect(arenaBotBrain(arena as never, "bot-1", 42)).toEqual(a1);
    expect(Math.hypot(a1.moveX, a1.moveY)).toBeLessThanOrEqual(1 + 1e-9);
    const tag = { tick: 0, players: new Map([["bot-1", { x: 50, y: 50, it: false }], ["p", { x: 90, y: 50, it: true }]]) };
    const flee = tagBotBrain(tag as never, "bot-1", 7);
    expect(flee.moveX).toBeLessThan(0); // away from "it", which is to the right
    expect(flee.dash).toBe(true);
  });
});

describe("server-side bot fill over real sockets", () => {
  it("a lone player meets bots that move and shoot; they count as players but not as clients", async () => {
    const alice = await joinArena("alice");
    await waitFor(() => alice.state.players.size === BOT_FILL, 3000, "room filled with bots");
    const names = botIds(alice).map((id) => alice.state.players.get(id)!.name);
    expect(names.length).toBe(BOT_FILL - 1);
    expect(names).toContain("Bot 1");
    expect(names).toContain(`Bot ${BOT_FILL - 1}`);
    const serverRoom = ts.serverRoom<ArenaRoom>(alice.roomId);
    expect(serverRoom.clients.length).toBe(1);
    const shots = collect<ShotMessage>(alice, ArenaMessage.Shot);
    const start = positions(alice, botIds(alice));
    await waitFor(() => botIds(alice).every((id) => {
      const p = positionOf(alice.state, alice.state.players.get(id)!);
      const s = start.get(id)!;
      return p.x !== s.x || p.y !== s.y;
    }), 3000, "every bot moved");
    // Bots hunt the nearest player (each other or alice) and fire once they have a clear line.
    await waitFor(() => shots.some((s) => s.by.startsWith("bot-") && s.hit !== ""), 15_000, "a bot hit someone");
    await alice.leave();
  });

  it("people replace bots as they join, and bots come back as people leave", async () => {
    const a = await joinArena("a");
    await waitFor(() => botIds(a).length === BOT_FILL - 1, 3000, "room filled");
    const b = await joinArena("b", a.roomId);
    await waitFor(() => botIds(a).length === BOT_FILL - 2 && a.state.players.size === BOT_FILL, 3000, "one bot replaced");
    const listed = async () => ((await (await fetch(`http://127.0.0.1:${ts.server.port}/rooms/arena`)).json()) as { roomId: string; clients: number; bots: number }[])
      .find((r) => r.roomId === a.roomId);
    // The room listing (GET /rooms and the lobby's metadata) counts people and bots apart.
    expect(await listed()).toMatchObject({ clients: 2, bots: BOT_FILL - 2 });
    await b.leave();
    await waitFor(() => botIds(a).length === BOT_FILL - 1 && a.state.players.size === BOT_FILL, 3000, "the bot is back");
    expect(await listed()).toMatchObject({ clients: 1, bots: BOT_FILL - 1 });
    await a.leave();
  });

  it("bots never take a seat a person could use: quick-play fills the room with people", async () => {
    const rooms: Room<ArenaState>[] = [];
    try {
      const first = await joinArena("p0");
      rooms.push(first);
      await waitFor(() => first.state.players.size === MAX_PLAYERS_PER_ROOM, 3000, "room full of bots");
      for (let i = 1; i < MAX_PLAYERS_PER_ROOM; i++) {
        const room = await ts.client(`p${i}`).joinOrCreate<ArenaState>("arena");
        room.onMessage("*", () => undefined);
        rooms.push(room);
        expect(room.roomId).toBe(first.roomId);
      }
      await waitFor(() => botIds(first).length === 0 && first.state.players.size === MAX_PLAYERS_PER_ROOM, 3000, "all bots replaced");
      expect(ts.serverRoom<ArenaRoom>(first.roomId).clients.length).toBe(MAX_PLAYERS_PER_ROOM);
      // Now it is full of people: the next one gets a room of their own (with bots).
      const extra = await ts.client("extra").joinOrCreate<ArenaState>("arena");
      extra.onMessage("*", () => undefined);
      rooms.push(extra);
      expect(extra.roomId).not.toBe(first.roomId);
      for (const r of rooms.splice(1, 3)) await r.leave();
      await waitFor(() => botIds(first).length === 3, 3000, "three bots back");
    } finally {
      for (const r of rooms) await r.leave().catch(() => undefined);
    }
  });

  it("tag rooms fill too (capped at the room's max): one is it, and bots move", async () => {
    const room = await ts.client("runner").create<TagState>("tag");
    await waitFor(() => room.state.players?.size === TAG_MAX_PLAYERS, 3000, "tag room filled");
    expect([...room.state.players.values()].filter((p) => p.it).length).toBe(1);
    const start = positions(room, botIds(room));
    await sleep(1000);
    const moved = botIds(room).filter((id) => {
      const p = room.state.players.get(id)!;
      const s = start.get(id)!;
      return Math.hypot(p.x - s.x, p.y - s.y) > 10;
    });
    expect(moved.length).toBeGreaterThan(0);
    await room.leave();
  });
});
