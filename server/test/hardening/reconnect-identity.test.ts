import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, type Room } from "colyseus.js";
import { JoinErrorCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { Reconnector } from "../../../client/src/net/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// After a player drops, its reconnection token alone no longer takes the seat: the reconnect
// must carry a valid token of the identity that held it (colyseus.js sends `client.auth.token`).

const GRACE_SEC = 5;
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { reconnectGraceSec: GRACE_SEC } });
});
afterAll(async () => {
  await ts?.close();
});

/** Join, wait until fully in, then cut the socket from the server side (the client sees 1006). */
async function joinAndDrop(client: Client): Promise<{ room: Room<ArenaState>; serverRoom: ArenaRoom }> {
  const room = await client.joinOrCreate<ArenaState>("arena");
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  (serverRoom.clients.getById(room.sessionId)?.ref as unknown as { terminate(): void }).terminate();
  await waitFor(() => !serverRoom.clients.getById(room.sessionId), 3000, "socket gone");
  return { room, serverRoom };
}

async function reconnectCode(client: Client, reconnectionToken: string): Promise<number | undefined> {
  try {
    const room = await client.reconnect(reconnectionToken);
    await room.leave();
  } catch (err) {
    return (err as { code?: number }).code;
  }
  throw new Error("the reconnect was not refused");
}

it("a reconnect with another identity's token, or none, is refused, and the owner still gets the seat back", async () => {
  const owner = ts.client("owner");
  const { room, serverRoom } = await joinAndDrop(owner);
  const thief = ts.client("thief");
  expect(await reconnectCode(thief, room.reconnectionToken)).toBe(JoinErrorCode.ReconnectIdentityMismatch);
  expect(await reconnectCode(new Client(ts.url), room.reconnectionToken)).toBe(JoinErrorCode.AuthFailed);
  const forged = new Client(ts.url);
  forged.auth.token = "v1.e30.AAAA";
  expect(await reconnectCode(forged, room.reconnectionToken)).toBe(JoinErrorCode.AuthFailed);
  expect(serverRoom.state.players.has(room.sessionId), "the seat is still held").toBe(true);

  // The owner's own client (its token set, as the browser's is) takes it back.
  const again = await owner.reconnect<ArenaState>(room.reconnectionToken);
  again.onMessage("*", () => undefined);
  expect(again.sessionId).toBe(room.sessionId);
  await waitFor(() => again.state.players?.get(again.sessionId), 3000, "own player after reconnect");
  await again.leave();
});

it("the browser's Reconnector (client token set) brings a dropped player back", async () => {
  const owner = ts.client("phoenix");
  const room = await owner.joinOrCreate<ArenaState>("arena");
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const statuses: string[] = [];
  const reconnector = new Reconnector(owner, room, { graceMs: GRACE_SEC * 1000, firstDelayMs: 50 });
  reconnector.onStatus((s) => statuses.push(s));
  reconnector.onRoom((r) => r.onMessage("*", () => undefined));
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  (serverRoom.clients.getById(room.sessionId)?.ref as unknown as { terminate(): void }).terminate();
  await waitFor(() => statuses.includes("connected"), 5000, "reconnected");
  expect(reconnector.current.sessionId).toBe(room.sessionId);
  reconnector.dispose();
  await reconnector.current.leave();
});
