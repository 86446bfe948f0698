import { describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ServerMessage } from "@arena/shared";
import { RoomFeed } from "../src/game/common/room-feed.js";

/** A stand-in room that delivers messages to whatever registered for their type. */
function fakeRoom() {
  const handlers = new Map<string, (m: unknown) => void>();
  const room = {
    onMessage: (type: string, cb: (m: unknown) => void) => handlers.set(type, cb),
    onError: () => undefined,
  } as unknown as Room;
  return { room, deliver: (type: string, m: unknown) => handlers.get(type)!(m) };
}

describe("RoomFeed", () => {
  it("keeps the newest messages of each type in order, a bounded number while nobody drains it (a hidden tab)", () => {
    const { room, deliver } = fakeRoom();
    const feed = new RoomFeed(room, ["shot"], 256);
    for (let i = 0; i < 10_000; i++) deliver("shot", i);
    for (let i = 0; i < 300; i++) deliver(ServerMessage.Notice, { code: "n", message: `notice ${i}` });
    const shots = feed.take<number>("shot");
    expect(shots).toHaveLength(256);
    expect(shots[0]).toBe(10_000 - 256);
    expect(shots.at(-1)).toBe(9_999);
    expect(feed.takeMessages()).toHaveLength(256);
    expect(feed.dropped).toBe(10_000 - 256 + 300 - 256);
    // Drained: empty until more arrive, then those.
    expect(feed.take<number>("shot")).toEqual([]);
    deliver("shot", 1);
    expect(feed.take<number>("shot")).toEqual([1]);
  });
});
