import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { z } from "zod";
import { CloseCode, ErrorCode, type ErrorMessage } from "@arena/shared";
import { TagMessage, tagGame, type TagBody, type TagEmoteMessage, type TagInput, type TagPlayer, type TagState } from "@arena/shared/games/tag";
import { NetSession } from "../../../client/src/net/index.js";
import { DEFAULT_CLIENT_GUARD, defineGameMessage, type GameMessages } from "../../src/framework/index.js";
import { TagRoom } from "../../src/rooms/tag/tag-room.js";
import { collect, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** What VoteRoom's handlers saw. */
interface Seen {
  sessionId: string;
  choice: number;
  /** ctx.tick, and state.tick when the handler ran (one less inside a tick: the step is not done). */
  ctxTick: number;
  stateTick: number;
}

/** Burst of "vote" messages per client; refills at one per 2 s, so a test's burst is never topped up. */
const VOTE_BURST = 2;

/** Tag with a state-changing game message (delivered at the tick), one without its own limit, and one whose handler throws. */
class VoteRoom extends TagRoom {
  readonly votes: Seen[] = [];
  readonly chats: string[] = [];
  protected override readonly gameMessages: GameMessages = {
    vote: defineGameMessage(z.strictObject({ choice: z.number().int().min(1).max(3) }), (sessionId, { choice }, ctx) => {
      this.votes.push({ sessionId, choice, ctxTick: ctx.tick, stateTick: this.state.tick });
      const player = this.state.players.get(sessionId);
      if (player) player.score = choice;
    }, { perSecond: 0.5, burst: VOTE_BURST }),
    chat: defineGameMessage(z.string().max(100), (_sessionId, line) => this.chats.push(line), { delivery: "arrival" }),
    boom: defineGameMessage(z.null(), () => {
      throw new Error("deliberate failure in a game message handler");
    }),
  };
}

/** Declares a game message under a framework message's name. */
class CollidingRoom extends TagRoom {
  protected override readonly gameMessages: GameMessages = { ping: defineGameMessage(z.null(), () => undefined) };
}

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
  // Three strikes, healing too slowly to matter within a test: the fourth refusal that strikes closes the client.
  const guard = { ...DEFAULT_CLIENT_GUARD, maxStrikes: 3, strikeHealPerSec: 0.01 };
  ts.server.gameServer.define("vote", VoteRoom, { serverConfig: { guard, reconnectGraceSec: 0 } });
  ts.server.gameServer.define("colliding", CollidingRoom);
});
afterAll(async () => {
  await ts?.close();
});

async function join<S = TagState>(roomName: string, name: string, roomId?: string): Promise<Room<S>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<S>(roomId) : await client.create<S>(roomName);
  room.onMessage("*", () => undefined); // probes and input stats this test does not read
  await waitFor(() => (room.state as { players?: Map<string, unknown> }).players?.get(room.sessionId), 3000, "own player");
  return room;
}

/** Resolves with the close code once the server closes `room`'s connection. */
function closeCode(room: Room): Promise<number> {
  return new Promise((resolve) => room.onLeave((code) => resolve(code)));
}

it("tag's emote (sent with NetSession.sendGameMessage) reaches its handler and is broadcast to everyone", async () => {
  const sender = await join("tag", "waver");
  const watcher = await join("tag", "watcher", sender.roomId);
  const session = new NetSession<TagState, TagPlayer, TagBody, TagInput>(sender, tagGame, {});
  const errors = collect<ErrorMessage>(sender, "error");
  const toSender = collect<TagEmoteMessage>(sender, TagMessage.Emote);
  const toWatcher = collect<TagEmoteMessage>(watcher, TagMessage.Emote);
  try {
    expect(session.sendGameMessage(TagMessage.Emote, { emote: 2 })).toBe(true);
    await waitFor(() => toWatcher.length > 0 && toSender.length > 0, 3000, "the emote broadcast");
    expect(toWatcher).toEqual([{ by: sender.sessionId, emote: 2 }]);
    expect(toSender).toEqual([{ by: sender.sessionId, emote: 2 }]);
    expect(errors).toEqual([]);
  } finally {
    session.dispose();
    await Promise.all([sender.leave(), watcher.leave()]);
  }
});

it("a tick-delivered game message runs inside the next tick and its state change reaches the client", async () => {
  const room = await join("vote", "voter");
  const server = ts.serverRoom<VoteRoom>(room.roomId);
  const sentAtTick = server.state.tick;
  room.send("vote", { choice: 3 });
  await waitFor(() => room.state.players.get(room.sessionId)?.score === 3, 3000, "the vote's state change in a patch");
  expect(server.votes).toHaveLength(1);
  const seen = server.votes[0]!;
  expect(seen.sessionId).toBe(room.sessionId);
  expect(seen.choice).toBe(3);
  // Ran in the tick being computed (ctx.tick), before the step made it state.tick: inside the tick, like an input.
  expect(seen.ctxTick).toBe(seen.stateTick + 1);
  expect(seen.ctxTick).toBeGreaterThan(sentAtTick);
  await room.leave();
});

it("an invalid game message is answered invalid_message and strikes: the fourth refusal closes the client (4401)", async () => {
  const room = await join("vote", "bad-voter");
  const server = ts.serverRoom<VoteRoom>(room.roomId);
  const errors = collect<ErrorMessage>(room, "error");
  const closed = closeCode(room);
  room.send("vote", { choice: 9 });
  await waitFor(() => errors.length === 1, 3000, "the first refusal");
  expect(errors[0]!.code).toBe(ErrorCode.InvalidMessage);
  expect(errors[0]!.message).toMatch(/^vote rejected: choice/);
  // Three more (of a type without its own limit: "vote"'s burst would answer rate_limited first).
  for (let i = 0; i < 3; i++) room.send("chat", { line: "not a string" });
  expect(await closed).toBe(CloseCode.Abuse);
  expect(errors.length).toBeGreaterThanOrEqual(3);
  expect(errors.every((e) => e.code === ErrorCode.InvalidMessage)).toBe(true);
  expect(server.votes.filter((v) => v.sessionId === room.sessionId)).toEqual([]);
  expect(server.chats).not.toContain("not a string");
});

it("game messages beyond their own limit are answered rate_limited and dropped, without a strike", async () => {
  const room = await join("vote", "eager-voter");
  const server = ts.serverRoom<VoteRoom>(room.roomId);
  const errors = collect<ErrorMessage>(room, "error");
  let left = false;
  room.onLeave(() => { left = true; });
  // More than the three strikes allowed: were these strikes, the client would be closed.
  for (let i = 0; i < VOTE_BURST + 6; i++) room.send("vote", { choice: 1 });
  await waitFor(() => errors.length >= 4, 3000, "rate_limited replies");
  expect(errors.every((e) => e.code === ErrorCode.RateLimited)).toBe(true);
  expect(errors[0]!.message).toMatch(/"vote"/);
  // A message that round-trips after the flood: the flood was processed, the client is still in.
  room.send("chat", "still here");
  await waitFor(() => server.chats.includes("still here"), 3000, "the chat line after the flood");
  expect(server.votes.filter((v) => v.sessionId === room.sessionId)).toHaveLength(VOTE_BURST);
  expect(left).toBe(false);
  await room.leave();
});

it("game messages count against the per-client message limit, which strikes", async () => {
  const room = await join("vote", "chatterbox");
  const errors = collect<ErrorMessage>(room, "error");
  const closed = closeCode(room);
  // "chat" has no limit of its own; the per-client burst (DEFAULT_CLIENT_GUARD.messageBurst) runs out, then 3 strikes.
  for (let i = 0; i < DEFAULT_CLIENT_GUARD.messageBurst + 30; i++) room.send("chat", `line ${i}`);
  expect(await closed).toBe(CloseCode.Abuse);
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => e.code === ErrorCode.RateLimited)).toBe(true);
});

it("unknown message types still strike in a room that declares game messages", async () => {
  const room = await join("vote", "prober");
  const errors = collect<ErrorMessage>(room, "error");
  const closed = closeCode(room);
  for (let i = 0; i < 4; i++) room.send("emote", { emote: 1 });
  expect(await closed).toBe(CloseCode.Abuse);
  expect(errors.length).toBeGreaterThanOrEqual(3);
  expect(errors.every((e) => e.code === ErrorCode.UnknownType)).toBe(true);
});

it("a handler that throws is answered invalid_message without a strike; the room goes on", async () => {
  const room = await join("vote", "trigger");
  const server = ts.serverRoom<VoteRoom>(room.roomId);
  const errors = collect<ErrorMessage>(room, "error");
  let left = false;
  room.onLeave(() => { left = true; });
  for (let i = 0; i < 4; i++) room.send("boom", null);
  await waitFor(() => errors.length === 4, 3000, "four refusals");
  expect(errors.every((e) => e.code === ErrorCode.InvalidMessage && e.message === "boom could not be processed")).toBe(true);
  const tick = server.state.tick;
  await waitFor(() => server.state.tick > tick + 2, 3000, "the room keeps ticking");
  room.send("vote", { choice: 2 });
  await waitFor(() => room.state.players.get(room.sessionId)?.score === 2, 3000, "a vote after the failures");
  expect(left).toBe(false);
  await room.leave();
});

it("a room type declaring a game message under a framework message's name is refused at create, with a clear error", async () => {
  await expect(ts.client("builder").create("colliding")).rejects.toThrow(/collides with the framework's own message type "ping"/);
});
