import { afterAll, beforeAll, expect, it } from "vitest";
import { CloseCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { Reconnector } from "../../../client/src/net/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import type { FaultProxy } from "../../src/tools/fault-proxy.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// Issue #17: the browser's Reconnector tells a lost room (join a new one) from a dropped link
// (take the seat back), and passes on when the server asked to come back.

const GRACE_SEC = 20;

let ts: TestServer;
let proxy: FaultProxy;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { reconnectGraceSec: GRACE_SEC } });
  proxy = await ts.faultProxy();
});
afterAll(async () => {
  await ts?.close();
});

it("a shutdown close (4201) ends at once with roomGone 'restart' and the notice's retryAfterMs", async () => {
  const client = ts.client("restarted", proxy);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "restarted" });
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const reconnector = new Reconnector(client, room, { graceMs: GRACE_SEC * 1000 });
  const statuses: string[] = [];
  reconnector.onStatus((s) => statuses.push(s));
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  // What shutdown.ts does before Colyseus's shutdown, then what that shutdown calls on each room.
  serverRoom.prepareShutdown(1234);
  serverRoom.onBeforeShutdown();
  await waitFor(() => statuses.includes("closed"), 5000, "closed");
  expect(statuses).toEqual(["closed"]);
  expect(reconnector.lastCloseCode).toBe(CloseCode.ServerShutdown);
  expect(reconnector.roomGone).toEqual({ reason: "restart", waitMs: 1234 });
  expect(reconnector.attempts).toBe(0);
});

it("a dropped player whose room is gone when it reconnects gets roomGone at the first answer, not after the grace period", async () => {
  const client = ts.client("orphan", proxy);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "orphan" });
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const reconnector = new Reconnector(client, room, { graceMs: GRACE_SEC * 1000, firstDelayMs: 300 });
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  proxy.connectionOf(room).cut();
  await waitFor(() => reconnector.status === "reconnecting", 3000, "reconnecting");
  // The room goes away while the seat was held (as after a crash and restart: the new process has no such room).
  await serverRoom.disconnect();
  const startedMs = Date.now();
  await waitFor(() => reconnector.status === "closed", 10_000, "closed");
  expect(Date.now() - startedMs).toBeLessThan(5000);
  // "No such room" is what a restarted process answers: told as a restart, even though this server never went down.
  expect(reconnector.roomGone).toEqual({ reason: "restart", waitMs: 0 });
});

it("a player who leaves on purpose gets no roomGone (nothing to rejoin)", async () => {
  const client = ts.client("leaver", proxy);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "leaver" });
  room.onMessage("*", () => undefined);
  const reconnector = new Reconnector(client, room, { graceMs: GRACE_SEC * 1000 });
  await room.leave(true);
  await waitFor(() => reconnector.status === "closed", 3000, "closed");
  expect(reconnector.roomGone).toBeNull();
});

it("a dropped player whose seat expired while its room plays on gets roomGone 'seat-gone' at the first answer (not a restart)", async () => {
  const short = await startTestServer({ roomConfig: { reconnectGraceSec: 1 } });
  try {
    const shortProxy = await short.faultProxy();
    const client = short.client("late", shortProxy);
    const room = await client.joinOrCreate<ArenaState>("arena", { name: "late" });
    room.onMessage("*", () => undefined);
    await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
    // Someone else keeps the room running.
    const keeper = await short.client("keeper").joinById<ArenaState>(room.roomId, { name: "keeper" });
    keeper.onMessage("*", () => undefined);
    const serverRoom = short.serverRoom<ArenaRoom>(room.roomId);
    // The first retry comes after the server's 1 s grace: the seat is gone by then.
    const reconnector = new Reconnector(client, room, { graceMs: 30_000, firstDelayMs: 4000 });
    shortProxy.connectionOf(room).cut();
    await waitFor(() => !serverRoom.state.players.has(room.sessionId), 5000, "the seat released after the grace");
    await waitFor(() => reconnector.status === "closed", 10_000, "closed");
    expect(reconnector.attempts).toBe(1);
    expect(reconnector.roomGone).toEqual({ reason: "seat-gone", waitMs: 0 });
    expect(serverRoom.state.players.has(keeper.sessionId)).toBe(true);
    await keeper.leave();
  } finally {
    await short.close();
  }
});
