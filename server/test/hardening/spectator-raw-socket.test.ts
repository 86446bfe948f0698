import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ClientMessage, CloseCode, ErrorCode, ServerMessage, type ErrorMessage } from "@arena/shared";
import { TagMessage } from "@arena/shared/games/tag";
import { DEFAULT_CLIENT_GUARD } from "../../src/framework/client-guard.js";
import { RawRoomSocket, type RawSeat } from "../helpers/raw-room-socket.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

// A spectator spoken by hand over a raw WebSocket (not colyseus.js): whatever it sends besides
// ping, probe_reply and follow is refused exactly as an unknown message type is.

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

/** A raw spectator socket in `roomId`: the seat from `POST /spectate/<roomId>`, taken up by hand. */
async function rawSpectator(roomId: string): Promise<RawRoomSocket> {
  const token = ts.client("raw-watcher").auth.token;
  const res = await fetch(`http://127.0.0.1:${ts.server.port}/spectate/${roomId}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return RawRoomSocket.open(ts.server.port, (await res.json()) as RawSeat);
}

async function host(type: string): Promise<Room> {
  const room = await ts.client("host").create(type);
  room.onMessage("*", () => undefined);
  await waitFor(() => (room.state as { players?: Map<string, unknown> }).players?.get(room.sessionId), 3000, "the host's player");
  return room;
}

const errorsOf = (socket: RawRoomSocket) => socket.messages<ErrorMessage>(ServerMessage.Error);

it("a raw spectator's input (plain or packed) and a made-up type get the same unknown_type refusal a player's made-up type gets; a flood of them closes it as abuse", async () => {
  const player = await host("arena");
  const spectator = await rawSpectator(player.roomId);
  const playerErrors: ErrorMessage[] = [];
  player.onMessage(ServerMessage.Error, (e: ErrorMessage) => playerErrors.push(e));

  spectator.send(ClientMessage.Input, { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: true });
  spectator.sendBytes(ClientMessage.InputPacked, new Uint8Array(16));
  spectator.send("teleport", { x: 0, y: 0 });
  player.send("teleport", { x: 0, y: 0 });
  await waitFor(() => errorsOf(spectator).length >= 3 && playerErrors.length >= 1, 3000, "the refusals");
  expect(playerErrors[0]!.code).toBe(ErrorCode.UnknownType);
  expect(errorsOf(spectator).map((e) => e.code)).toEqual([ErrorCode.UnknownType, ErrorCode.UnknownType, ErrorCode.UnknownType]);
  expect(errorsOf(spectator).map((e) => e.message)).toEqual([
    expect.stringMatching(/^unknown message type "input"/),
    expect.stringMatching(/^unknown message type "1"/),
    expect.stringMatching(/^unknown message type "teleport"/),
  ]);
  // None of it reached the simulation: the spectator has no player, and the room still has one.
  const server = ts.serverRoom(player.roomId);
  expect([...(server.state as { players: Map<string, unknown> }).players.keys()]).toEqual([player.sessionId]);

  // Each refusal is a strike, as for any unknown message: a burst of inputs runs them out.
  for (let seq = 2; seq < 2 + DEFAULT_CLIENT_GUARD.maxStrikes + 5; seq++) spectator.send(ClientMessage.Input, { seq, moveX: 0, moveY: 0, aim: 0, fire: false });
  await waitFor(() => spectator.closeCode !== null, 5000, "the spectator closed");
  expect(spectator.closeCode).toBe(CloseCode.Abuse);
  // The player plays on.
  const tick = (player.state as { tick: number }).tick;
  await waitFor(() => (player.state as { tick: number }).tick > tick + 5, 3000, "the room ticking on");
  expect(player.connection.isOpen).toBe(true);
  await player.leave();
});

it("a raw spectator's game message (tag's emote) is refused as unknown_type and shown to nobody", async () => {
  const player = await host("tag");
  const emotes: unknown[] = [];
  player.onMessage(TagMessage.Emote, (m) => emotes.push(m));
  const spectator = await rawSpectator(player.roomId);
  spectator.send(TagMessage.Emote, { emote: 1 });
  // The host's own emote comes back to it: the room handles emotes (a spectator's would too, were it let through).
  player.send(TagMessage.Emote, { emote: 2 });
  await waitFor(() => errorsOf(spectator).length >= 1 && emotes.length >= 1, 3000, "the refusal and the host's emote");
  expect(errorsOf(spectator)[0]).toMatchObject({ code: ErrorCode.UnknownType });
  expect(errorsOf(spectator)[0]!.message).toMatch(new RegExp(`^unknown message type "${TagMessage.Emote}"`));
  expect(emotes).toEqual([{ by: player.sessionId, emote: 2 }]);
  expect(spectator.messages(TagMessage.Emote)).toEqual([{ by: player.sessionId, emote: 2 }]);
  spectator.close();
  await player.leave();
});
