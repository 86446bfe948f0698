import { afterAll, beforeAll, expect, it } from "vitest";
import type { ArenaState } from "@arena/shared/games/arena";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

const PING_INTERVAL_MS = 400;
const PING_MAX_RETRIES = 2;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ pingIntervalMs: PING_INTERVAL_MS, pingMaxRetries: PING_MAX_RETRIES });
});
afterAll(async () => {
  await ts?.close();
});

it("closes a socket that stops answering pings within (retries + 1) x interval", async () => {
  const proxy = await ts.faultProxy();
  const room = await ts.client("sleepy", proxy).joinOrCreate<ArenaState>("arena", { name: "sleepy" });
  room.onMessage("*", () => undefined);
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  // The full state comes once the server has the client's join confirmation: only then is the
  // seat one that a drop holds for a reconnect.
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  expect(serverRoom.clients.length).toBe(1);
  // The path goes silent both ways: the TCP connection stays open, but no ping reaches the client
  // and no pong comes back.
  const link = proxy.connectionOf(room);
  link.stall("both");
  const pausedAt = performance.now();
  await waitFor(() => serverRoom.clients.length === 0, 10_000, "unresponsive client closed");
  const closedAfterMs = performance.now() - pausedAt;
  expect(closedAfterMs).toBeLessThanOrEqual((PING_MAX_RETRIES + 1) * PING_INTERVAL_MS + 500);
  // Dropped without a close frame: the seat is held for a reconnect, so the player is still in state.
  expect(serverRoom.state.players.has(room.sessionId)).toBe(true);
  link.cut();
});
