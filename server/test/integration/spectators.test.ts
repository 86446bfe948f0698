import { afterAll, beforeAll, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { Client, Room } from "colyseus.js";
import { ClientMessage, ErrorCode, JoinErrorCode, ServerMessage, type ErrorMessage, type FollowingMessage } from "@arena/shared";
import { BallRoom, type BallState } from "../helpers/ball-room.js";
import { collect, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** The interest room of entity-interest.test.ts with room for two players only. */
class TwoPlayerBallRoom extends BallRoom {
  override maxClients = 2;
}

const SPECTATOR_LIMIT = 2;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
  // A near ball at (100, 100) and a far one at (2000, 2000); the interest radius is 300 px.
  ts.server.gameServer.define("balls2", TwoPlayerBallRoom, {
    balls: [["near", 100, 100], ["far", 2000, 2000]],
    serverConfig: { spectatorLimit: SPECTATOR_LIMIT },
  });
});
afterAll(async () => {
  await ts?.close();
});

type Decoded = Room<BallState>;

/** What `POST /spectate/:roomId` answered: a seat reservation, or a refusal. */
async function requestSpectatorSeat(client: Client, roomId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${ts.server.port}/spectate/${roomId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${client.auth.token}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Watch `roomId` as `name`: the spectator seat, taken up by colyseus.js. */
async function watch(name: string, roomId: string): Promise<Decoded> {
  const client = ts.client(name);
  const seat = await requestSpectatorSeat(client, roomId);
  expect(seat.status, JSON.stringify(seat.body)).toBe(200);
  const room = await client.consumeSeatReservation<BallState>(seat.body as never);
  room.onMessage("*", () => undefined);
  return room;
}

const ids = (map: { keys(): Iterable<string> } | undefined): string[] => [...(map?.keys() ?? [])].sort();
const listing = async (roomId: string) => (await matchMaker.query({ roomId }))[0];

/** A full room: A near the near ball, B near the far one, 2700 px apart. */
async function fullRoom(): Promise<{ a: Decoded; b: Decoded }> {
  const a = await ts.client("a").create<BallState>("balls2", { x: 120, y: 100 });
  const b = await ts.client("b").joinById<BallState>(a.roomId, { x: 2000, y: 1980 });
  for (const room of [a, b]) room.onMessage("*", () => undefined);
  await waitFor(async () => (await listing(a.roomId))?.locked, 3000, "the full room locked");
  return { a, b };
}

it("a spectator joins a full room without a player, receives patches, and sees what the player it follows sees", async () => {
  const { a, b } = await fullRoom();
  expect((await listing(a.roomId))!.locked).toBe(true);
  // A third player is refused: the room is full of players.
  await expect(ts.client("c").joinById(a.roomId, { x: 0, y: 0 })).rejects.toThrow(/locked/);

  const spectator = await watch("watcher", a.roomId);
  const following = collect<FollowingMessage>(spectator, ServerMessage.Following);
  const server = ts.serverRoom<BallRoom>(a.roomId);
  expect(ids(server.state.players)).toEqual([a.sessionId, b.sessionId].sort());
  expect(server.clients.length).toBe(3);

  // It follows the first player seated (A): A and the near ball, nothing near B.
  await waitFor(() => spectator.state.balls?.get("near"), 3000, "the spectator receives the near ball");
  const tick = spectator.state.tick;
  await waitFor(() => spectator.state.tick >= tick + 6, 3000, "patches");
  expect(ids(spectator.state.players)).toEqual([a.sessionId]);
  expect(ids(spectator.state.balls)).toEqual(["near"]);

  // follow B: now B and the far ball, and A drops out of its view.
  spectator.send(ClientMessage.Follow, { sessionId: b.sessionId });
  await waitFor(() => following.some((m) => m.sessionId === b.sessionId), 3000, "following B");
  await waitFor(() => spectator.state.balls.get("far") && !spectator.state.balls.get("near"), 3000, "the far ball only");
  expect(ids(spectator.state.players)).toEqual([b.sessionId]);
  await a.leave();
  await b.leave();
  await spectator.leave();
});

it("a spectator's input or game message is refused as an unknown message (coded error, strike); a player's follow too", async () => {
  const { a, b } = await fullRoom();
  const spectator = await watch("typist", a.roomId);
  const errors = collect<ErrorMessage>(spectator, ServerMessage.Error);
  spectator.send(ClientMessage.Input, { seq: 1 });
  await waitFor(() => errors.length >= 1, 3000, "the refusal");
  expect(errors[0]).toMatchObject({ code: ErrorCode.UnknownType });
  expect(errors[0]!.message).toMatch(/"input"/);
  const playerErrors = collect<ErrorMessage>(a, ServerMessage.Error);
  a.send(ClientMessage.Follow, { sessionId: b.sessionId });
  await waitFor(() => playerErrors.length >= 1, 3000, "the player's refusal");
  expect(playerErrors[0]).toMatchObject({ code: ErrorCode.UnknownType });
  // The input never reached a queue: the room has no player for the spectator.
  const server = ts.serverRoom<BallRoom>(a.roomId);
  expect(server.state.players.has(spectator.sessionId)).toBe(false);
  await Promise.all([a.leave(), b.leave(), spectator.leave()]);
});

it("the spectator limit refuses the next spectator with spectators_full; a spectator leaving keeps a full room locked", async () => {
  const { a, b } = await fullRoom();
  const watchers: Decoded[] = [];
  for (let i = 0; i < SPECTATOR_LIMIT; i++) watchers.push(await watch(`w${i}`, a.roomId));
  const refused = await requestSpectatorSeat(ts.client("one-too-many"), a.roomId);
  expect(refused.status).toBe(409);
  expect(refused.body).toMatchObject({ error: "spectators_full", code: JoinErrorCode.SpectatorsFull });

  // A spectator leaves: its seat is free again, and the room, still full of players, stays locked.
  await watchers.pop()!.leave();
  await waitFor(() => ts.serverRoom<BallRoom>(a.roomId).clients.length === 3, 3000, "the spectator gone");
  expect((await listing(a.roomId))!.locked).toBe(true);
  watchers.push(await watch("again", a.roomId));
  // A player leaves: the room takes a player again (unlocked), spectators or not.
  await b.leave();
  await waitFor(async () => (await listing(a.roomId))?.locked === false, 3000, "unlocked after a player left");
  const c = await ts.client("c").joinById<BallState>(a.roomId, { x: 0, y: 0 });
  c.onMessage("*", () => undefined);
  await waitFor(async () => (await listing(a.roomId))?.locked, 3000, "locked again when full");
  await Promise.all([a.leave(), c.leave(), ...watchers.map((w) => w.leave())]);
});

it("a spectator seat needs a token, and an unknown room is room_not_found", async () => {
  const { a, b } = await fullRoom();
  const noToken = await fetch(`http://127.0.0.1:${ts.server.port}/spectate/${a.roomId}`, { method: "POST" });
  expect(noToken.status).toBe(401);
  expect(await noToken.json()).toMatchObject({ error: "auth_failed", code: JoinErrorCode.AuthFailed });
  const missing = await requestSpectatorSeat(ts.client("lost"), "no-such-room");
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ error: "room_not_found" });
  await Promise.all([a.leave(), b.leave()]);
});

it("watchers do not make a room look fuller: quick play picks the room with more players, and the listing counts players only", async () => {
  // Room X: one player and three watchers; room Y: two players. Quick play fills the fullest room first.
  const x = await ts.client("x1").create("arena", {});
  x.onMessage("*", () => undefined);
  const watchers: Room[] = [];
  for (let i = 0; i < 3; i++) watchers.push(await watch(`xw${i}`, x.roomId));
  const y1 = await ts.client("y1").create("arena", {});
  const y2 = await ts.client("y2").joinById(y1.roomId, {});
  for (const room of [y1, y2]) room.onMessage("*", () => undefined);
  await waitFor(async () => (await listing(x.roomId))?.clients === 1 && (await listing(y1.roomId))?.clients === 2, 3000,
    "the listing counting players only (X: 1, Y: 2)");

  const quick = await ts.client("quick").joinOrCreate("arena", {});
  quick.onMessage("*", () => undefined);
  expect(quick.roomId, "quick play joins the room with two players, not the one with one player and three watchers").toBe(y1.roomId);

  // What the lobby and GET /rooms show: players, and the watchers apart.
  const listed = (await (await fetch(`http://127.0.0.1:${ts.server.port}/rooms/arena`)).json()) as { roomId: string; clients: number; spectators: number }[];
  expect(listed.find((r) => r.roomId === x.roomId)).toMatchObject({ clients: 1, spectators: 3 });
  expect(listed.find((r) => r.roomId === y1.roomId)).toMatchObject({ clients: 3, spectators: 0 });

  // A watcher leaving, and a watcher's seat that is never taken up, leave the count at the players.
  await watchers.pop()!.leave();
  const unused = await requestSpectatorSeat(ts.client("never-comes"), x.roomId);
  expect(unused.status).toBe(200);
  await waitFor(async () => ts.serverRoom<BallRoom>(x.roomId).clients.length === 3, 3000, "the watcher gone");
  expect((await listing(x.roomId))!.clients).toBe(1);
  await Promise.all([x.leave(), y1.leave(), y2.leave(), quick.leave(), ...watchers.map((w) => w.leave())]);
});
