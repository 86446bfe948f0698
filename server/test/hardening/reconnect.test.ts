import { afterAll, beforeAll, expect, it } from "vitest";
import { followPoses } from "@arena/shared";
import { ARENA_POSES, type ArenaState } from "@arena/shared/games/arena";
import { Reconnector } from "../../../client/src/net/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import type { FaultProxy } from "../../src/tools/fault-proxy.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

const GRACE_SEC = 2;

let ts: TestServer;
/** The clients' path to the server: the tests drop their connections here, as a network would. */
let proxy: FaultProxy;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { reconnectGraceSec: GRACE_SEC } });
  proxy = await ts.faultProxy();
});
afterAll(async () => {
  await ts?.close();
});

it("a player whose socket dies mid-game reconnects automatically and keeps score, health and position", async () => {
  const client = ts.client("phoenix", proxy);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "phoenix" });
  room.onMessage("*", () => undefined);
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const serverPlayer = ts.serverRoom<ArenaRoom>(room.roomId).state.players.get(room.sessionId)!;
  serverPlayer.kills = 3;
  serverPlayer.deaths = 1;
  serverPlayer.health = 50;
  serverPlayer.x = 700;
  serverPlayer.y = 420;
  await waitFor(() => room.state.players.get(room.sessionId)?.kills === 3, 2000, "score visible");
  const statuses: string[] = [];
  const reconnector = new Reconnector(client, room, { graceMs: GRACE_SEC * 1000, firstDelayMs: 100 });
  reconnector.onStatus((s) => statuses.push(s));
  reconnector.onRoom((r) => r.onMessage("*", () => undefined));

  const dropped = proxy.connectionOf(room);
  dropped.cut();
  await waitFor(() => statuses.includes("connected"), 5000, "reconnected");
  expect(statuses[0]).toBe("reconnecting");
  expect(reconnector.lastCloseCode).toBe(1006);
  const again = reconnector.current;
  expect(again.sessionId).toBe(room.sessionId);
  // The seat was taken back over a new connection (through the proxy as well).
  expect(proxy.connectionOf(again).id).toBeGreaterThan(dropped.id);
  followPoses(again, ARENA_POSES);
  const me = await waitFor(() => again.state.players?.get(again.sessionId), 3000, "own player after reconnect");
  // The position is decoded from the wire; exact, as for any client's own player.
  expect([me.kills, me.deaths, me.health, me.x, me.y]).toEqual([3, 1, 50, 700, 420]);
  // Inputs flow again on the new socket.
  again.send("input", { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: false });
  await waitFor(() => me.ack === 1, 3000, "input after reconnect");
  reconnector.dispose();
  await again.leave();
});

it("after the grace period the dropped player is removed and cannot come back", async () => {
  const client = ts.client("ghost", proxy);
  const room = await client.joinOrCreate<ArenaState>("arena", { name: "ghost" });
  room.onMessage("*", () => undefined);
  const serverRoom = ts.serverRoom<ArenaRoom>(room.roomId);
  // Joined for good (the server has the join confirmation): a drop before that is not held.
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  const token = room.reconnectionToken;
  proxy.connectionOf(room).cut();
  await sleep(GRACE_SEC * 500);
  expect(serverRoom.state.players.has(room.sessionId)).toBe(true);
  await waitFor(() => !serverRoom.state.players.has(room.sessionId), GRACE_SEC * 1000 + 3000, "player removed");
  await expect(client.reconnect(token)).rejects.toThrow();
});
