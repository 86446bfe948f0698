import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

interface Listed { roomId: string; name: string; clients: number; maxClients: number }

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

it("the lobby lists rooms of every type with live player counts", async () => {
  const lobby = await ts.client().joinOrCreate("lobby");
  const rooms = new Map<string, Listed>();
  lobby.onMessage("rooms", (all: Listed[]) => all.forEach((r) => rooms.set(r.roomId, r)));
  lobby.onMessage("+", ([id, r]: [string, Listed]) => rooms.set(id, r));
  lobby.onMessage("-", (id: string) => rooms.delete(id));
  const arena = await ts.client("a").joinOrCreate("arena");
  const tag = await ts.client("t").joinOrCreate("tag");
  await waitFor(() => rooms.get(arena.roomId)?.clients === 1 && rooms.get(tag.roomId)?.clients === 1, 3000, "both listed");
  expect(rooms.get(arena.roomId)).toMatchObject({ name: "arena", maxClients: 16 });
  expect(rooms.get(tag.roomId)).toMatchObject({ name: "tag", maxClients: 10 });
  const second = await ts.client("a2").joinById(arena.roomId);
  await waitFor(() => rooms.get(arena.roomId)?.clients === 2, 3000, "count goes up live");
  await second.leave();
  await arena.leave();
  await tag.leave();
  await waitFor(() => !rooms.has(arena.roomId) && !rooms.has(tag.roomId), 5000, "empty rooms leave the list");
  await lobby.leave();
});

it("quick play joins the fullest room that has space", async () => {
  const held: Room[] = [];
  const small = await ts.client().create("arena");
  const big = await ts.client().create("arena");
  held.push(small, big);
  for (let i = 0; i < 3; i++) held.push(await ts.client().joinById(big.roomId));
  const quick = await ts.client().joinOrCreate("arena");
  expect(quick.roomId).toBe(big.roomId);
  held.push(quick);
  for (const r of held) await r.leave();
});
