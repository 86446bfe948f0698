import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { markTeleport } from "@arena/shared";
import {
  BallRoom, MisspeltBallRoom, MisspeltHistoryBallRoom, PlayerlessInterestBallRoom, type BallState,
} from "../helpers/ball-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
  // A near ball at (100, 100) and a far one at (2000, 2000); the interest radius is 300 px.
  ts.server.gameServer.define("balls", BallRoom, { balls: [["near", 100, 100], ["far", 2000, 2000]] });
  ts.server.gameServer.define("balls-misspelt", MisspeltBallRoom);
  ts.server.gameServer.define("balls-misspelt-history", MisspeltHistoryBallRoom);
  ts.server.gameServer.define("balls-playerless", PlayerlessInterestBallRoom);
});
afterAll(async () => {
  await ts?.close();
});

type Decoded = Room<BallState>;

/** Join (or create) a balls room standing at (x, y); server messages besides state are ignored. */
async function join(name: string, x: number, y: number, roomId?: string): Promise<Decoded> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<BallState>(roomId, { x, y }) : await client.create<BallState>("balls", { x, y });
  room.onMessage("*", () => undefined);
  return room;
}
const ballIds = (room: Decoded): string[] => [...(room.state.balls?.keys() ?? [])].sort();
const playerIds = (room: Decoded): string[] => [...(room.state.players?.keys() ?? [])].sort();

/** Wait until `room` has decoded `patches` more patches (each patch bumps the synced tick). */
async function afterPatches(room: Decoded, patches: number): Promise<void> {
  const from = room.state.tick;
  await waitFor(() => room.state.tick >= from + patches * 3, 5000, `${patches} patches`);
}

it("a collection under interest management: each client receives the balls near its own player only, and follows them as they move", async () => {
  const nearA = await join("a", 120, 100);
  const nearB = await join("b", 2000, 1980, nearA.roomId);
  await waitFor(() => nearA.state.balls?.get("near"), 3000, "A receives the near ball");
  await waitFor(() => nearB.state.balls?.get("far"), 3000, "B receives the far ball");
  await afterPatches(nearA, 5);
  await afterPatches(nearB, 5);
  expect(ballIds(nearA)).toEqual(["near"]);
  expect(ballIds(nearB)).toEqual(["far"]);
  // Players are culled as before: A and B are 2700 px apart.
  expect(playerIds(nearA)).toEqual([nearA.sessionId]);
  expect(playerIds(nearB)).toEqual([nearB.sessionId]);
  expect(nearA.state.balls.get("near")).toMatchObject({ x: 100, y: 100 });

  // The server resets the far ball next to A (marked as a teleport): A receives it, B loses it.
  const room = ts.serverRoom<BallRoom>(nearA.roomId);
  const far = room.state.balls.get("far")!;
  far.x = 150;
  far.y = 120;
  markTeleport(far);
  await waitFor(() => nearA.state.balls.get("far"), 3000, "A receives the ball that came near");
  await waitFor(() => !nearB.state.balls.get("far"), 3000, "B loses the ball that went away");
  expect(nearA.state.balls.get("far")).toMatchObject({ x: 150, y: 120, teleports: 1 });
  expect(ballIds(nearB)).toEqual([]);
  await Promise.all([nearA.leave(), nearB.leave()]);
});

it("lag-compensation history records the balls with their collection as kind, and a rewind finds where a ball was", async () => {
  const client = await join("kicker", 120, 100);
  const room = ts.serverRoom<BallRoom>(client.roomId);
  await waitFor(() => room.state.tick > 2, 3000, "ticks");
  const before = room.state.tick;
  const ball = room.state.balls.get("near")!;
  ball.x = 400;
  await waitFor(() => room.state.tick > before + 6, 3000, "ticks after the move");
  const then = room.positionsAt(before);
  expect(then).toBeDefined();
  expect(then!.find((p) => p.kind === "balls" && p.id === "near")).toMatchObject({ x: 100, y: 100 });
  expect(then!.find((p) => p.id === client.sessionId)).toMatchObject({ x: 120, y: 100, kind: undefined });
  expect(room.positionsAt(room.state.tick)!.find((p) => p.id === "near")).toMatchObject({ x: 400, kind: "balls" });
  // What a kick claiming that view tick is resolved against (lagCompensate): the ball where it was.
  const rewound = room.rewindTo(before);
  expect(rewound.positions!.find((p) => p.kind === "balls" && p.id === "near")!.x).toBe(100);
  expect(rewound.rewindMs).toBeGreaterThan(0);
  await client.leave();
});

it("a room that declares a collection its state does not have, or culls entities but not players, fails to be created", async () => {
  await expect(ts.client("typo").create<BallState>("balls-misspelt")).rejects.toThrow(/"bals"/);
  await expect(ts.client("typo").create<BallState>("balls-misspelt-history")).rejects.toThrow(/historyCollections.*"ball"/);
  await expect(ts.client("typo").create<BallState>("balls-playerless")).rejects.toThrow(/must include "players"/);
});
