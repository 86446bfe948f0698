import { expect, it } from "vitest";
import fc from "fast-check";
import { RoomList, isFull, playerCountText, type ListedRoom } from "../src/lobby/room-list.js";

const room = (roomId: string, name: string, clients: number, maxClients = 16, locked = false): ListedRoom => ({ roomId, name, clients, maxClients, locked });

it("keeps the live list from rooms / + / - messages, per type, fullest open room first", () => {
  const list = new RoomList();
  list.replaceAll([room("a", "arena", 3), room("b", "arena", 9), room("t", "tag", 1, 10)]);
  list.upsert(["c", room("c", "arena", 16)]);
  list.upsert(["a", room("a", "arena", 12)]);
  list.remove("t");
  expect(list.ofType("arena").map((r) => r.roomId)).toEqual(["a", "b", "c"]);
  expect(list.ofType("tag")).toEqual([]);
  expect(isFull(room("x", "arena", 16))).toBe(true);
  expect(isFull(room("x", "arena", 1, 16, true))).toBe(true);
});

it("ofType never puts a full room before an open one (property)", () => {
  fc.assert(fc.property(fc.array(fc.record({ clients: fc.nat(20), locked: fc.boolean() }), { maxLength: 30 }), (specs) => {
    const list = new RoomList();
    list.replaceAll(specs.map((s, i) => room(`r${i}`, "arena", s.clients, 16, s.locked)));
    const ordered = list.ofType("arena");
    const firstFull = ordered.findIndex(isFull);
    if (firstFull >= 0) expect(ordered.slice(firstFull).every(isFull)).toBe(true);
    expect(ordered.length).toBe(specs.length);
  }));
});

it("counts people and bots apart: '1 player + 2 bots' when the server lists bots", () => {
  expect(playerCountText(room("a", "arena", 1))).toBe("1 / 16");
  expect(playerCountText({ ...room("a", "arena", 1), metadata: { bots: 2 } })).toBe("1 player + 2 bots · 1 / 16");
  expect(playerCountText({ ...room("a", "arena", 3), metadata: { bots: 1 } })).toBe("3 players + 1 bot · 3 / 16");
  expect(playerCountText({ ...room("a", "arena", 1), metadata: { bots: -4 } })).toBe("1 / 16");
});
