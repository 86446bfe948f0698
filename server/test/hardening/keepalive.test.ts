import { afterAll, beforeAll, expect, it } from "vitest";
import type { ArenaState } from "@arena/shared";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { rawSocket, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

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
  const room = await ts.client().joinOrCreate<ArenaState>("arena", { name: "sleepy" });
  room.onMessage("*", () => undefined);
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  await waitFor(() => serverRoom.clients.length === 1, 3000, "client seated");
  // Stop reading: the TCP socket stays open but no pong is ever sent again.
  rawSocket(room)._socket.pause();
  const pausedAt = performance.now();
  await waitFor(() => serverRoom.clients.length === 0, 10_000, "unresponsive client closed");
  const closedAfterMs = performance.now() - pausedAt;
  expect(closedAfterMs).toBeLessThanOrEqual((PING_MAX_RETRIES + 1) * PING_INTERVAL_MS + 500);
  // Dropped without a close frame: the seat is held for a reconnect, so the player is still in state.
  expect(serverRoom.state.players.has(room.sessionId)).toBe(true);
  rawSocket(room)._socket.destroy();
});
