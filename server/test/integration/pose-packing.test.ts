import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { followPoses, readSlot } from "@arena/shared";
import { MisspeltPuckRoom, PUCK_POSES, Puck, PuckRoom, type PuckState } from "../helpers/puck-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
  ts.server.gameServer.define("pucks", PuckRoom, { pucks: [["a", 100.25, 200.5], ["b", 300, 400.75]] });
  ts.server.gameServer.define("pucks-misspelt", MisspeltPuckRoom);
  // One patch a second: what a client has right after joining is its join snapshot.
  ts.server.gameServer.define("pucks-slow", PuckRoom, { serverConfig: { patchHz: 1 } });
});
afterAll(async () => {
  await ts?.close();
});

/** Join a pucks room, with its packed poses followed (as NetSession and the bots do). */
async function join(name: string, roomId?: string): Promise<Room<PuckState>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<PuckState>(roomId) : await client.create<PuckState>("pucks");
  followPoses(room, PUCK_POSES);
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.pucks?.size === 2, 3000, "pucks in state");
  return room;
}
const seen = (room: Room<PuckState>, id: string) => {
  const p = room.state.pucks.get(id);
  return p ? [p.x, p.y] : undefined;
};

it("a room declares compact poses for a collection that is not players: clients read plain x, y, moves, removals and new entities included", async () => {
  const room = await join("watcher");
  const server = ts.serverRoom<PuckRoom>(room.roomId).state;
  // The join snapshot already carries them: plain fields on the decoded pucks, to 1/4 px.
  expect(seen(room, "a")).toEqual([100.25, 200.5]);
  expect(seen(room, "b")).toEqual([300, 400.75]);
  expect(room.state.pucks.get("a")!.slot).not.toBe(room.state.pucks.get("b")!.slot);

  server.pucks.get("b")!.x = 333.125; // between two 1/4 px steps: rounds to the nearest
  await waitFor(() => seen(room, "b")?.[0] === 333.25 || seen(room, "b")?.[0] === 333, 3000, "b moved");

  // A leaving entity's slot is emptied (nobody keeps receiving it) and the next one gets it.
  const slotOfA = server.pucks.get("a")!.slot;
  server.pucks.delete("a");
  await waitFor(() => !room.state.pucks.has("a") && readSlot(room.state.puckPoses, slotOfA) === undefined, 3000, "a gone with its slot");
  server.pucks.set("c", Object.assign(new Puck(), { x: 50, y: 60 }));
  await waitFor(() => seen(room, "c")?.[0] === 50, 3000, "c arrived");
  expect(seen(room, "c")).toEqual([50, 60]);
  expect(room.state.pucks.get("c")!.slot).toBe(slotOfA);
  await room.leave();
});

it("a client's join snapshot holds where everything is now, an entity its own join created included", async () => {
  const room = await ts.client("joiner").create<PuckState>("pucks-slow", { x: 640.5, y: 480.25 });
  room.onMessage("*", () => undefined);
  const ticks: number[] = [];
  room.onStateChange((state) => ticks.push(state.tick));
  followPoses(room, PUCK_POSES);
  const mine = await waitFor(() => room.state.pucks?.get(room.sessionId), 3000, "own puck");
  // Still the join snapshot (the next patch is a second away), and already in place with its slot.
  expect(new Set(ticks).size).toBeLessThanOrEqual(1);
  expect([mine.x, mine.y]).toEqual([640.5, 480.25]);
  expect(readSlot(room.state.puckPoses, mine.slot)).toBeDefined();
  await room.leave();
});

it("a room whose packing names a bank the state does not have is not created", async () => {
  await expect(ts.client("bad").create("pucks-misspelt")).rejects.toThrow(/posePacking\.bank/);
});
