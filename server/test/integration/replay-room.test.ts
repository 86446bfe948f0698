import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ClientMessage, ServerMessage, type RecordingListing, type ReplayStatusMessage } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { guestIdentityProvider } from "../../src/framework/index.js";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import { configureReplayLimits, openReplayRooms } from "../../src/framework/recording/replay-rooms.js";
import { rawExchange } from "../helpers/raw-http.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * A real arena room (one person and BOT_FILL - 1 bots, 120 Hz) records TICKS ticks; GET
 * /recordings lists it, POST /replays opens a replay room of it whose viewer sees it re-simulated
 * at the speed asked (counted in ticks per status period, not wall time), paused, seeked, with
 * every recorded checksum matching; hostile ids are refused with JSON errors.
 */
const TICKS = 600;
const BOT_FILL = 8;
/** Real ticks between periodic replay_status messages (replay-session.ts). */
const STATUS_EVERY_STEPS = 15;
/** A checksum every tick, as recording-replay.test.ts records (see the report: every 10th diverged at HEAD). */
const CHECKSUM_EVERY_TICKS = 1;
/** Keyframes at 200, 400, 600: a seek restores the last one at or before its tick. */
const KEYFRAME_EVERY_TICKS = 200;

let ts: TestServer;
let dir: string;
let port: number;
let id: string;
const token = guestIdentityProvider().issue("Viewer").token;
/** The seek tests' viewer: a matchmaking quota allows one identity 5 room creates a minute (docs/protocol.md, 4222). */
const seekerToken = guestIdentityProvider().issue("Seeker").token;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "replays-"));
  ts = await startTestServer({
    roomConfig: { botFill: BOT_FILL, reconnectGraceSec: 0, tickHz: 120 },
    recording: { ...DEFAULT_RECORDING, dir, checksumEveryTicks: CHECKSUM_EVERY_TICKS, keyframeEveryTicks: KEYFRAME_EVERY_TICKS },
    replayLimits: { maxRooms: 16, maxRoomsPerAddress: 4, viewersPerRoom: 2 },
  });
  port = ts.server.port;
  const room = await ts.client("Alice").create<ArenaState>("arena");
  room.onMessage("*", () => undefined);
  const server = ts.serverRoom(room.roomId) as unknown as { state: { tick: number } };
  await waitFor(() => server.state.tick >= TICKS, 30_000, `${TICKS} ticks`);
  await room.leave(true);
  await waitFor(() => fs.existsSync(path.join(dir, "arena")) && fs.readdirSync(path.join(dir, "arena")).some((f) => f.endsWith(".rec")), 10_000, "the recording");
  fs.writeFileSync(path.join(dir, "arena", "garbage.rec"), "not a recording");
}, 60_000);

afterAll(async () => {
  await ts?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function get(urlPath: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function openReplay(recordingId: string, at?: number, bearer = token): Promise<{ room: Room; statuses: ReplayStatusMessage[] }> {
  const res = await fetch(`http://127.0.0.1:${port}/replays/${recordingId}${at === undefined ? "" : `?at=${at}`}`, { method: "POST", headers: { Authorization: `Bearer ${bearer}` } });
  const seat = (await res.json()) as never;
  expect(res.status, JSON.stringify(seat)).toBe(200);
  const room = await ts.client("Viewer").consumeSeatReservation(seat);
  const statuses: ReplayStatusMessage[] = [];
  room.onMessage(ServerMessage.ReplayStatus, (s: ReplayStatusMessage) => statuses.push(s));
  room.onMessage("*", () => undefined);
  return { room, statuses };
}

/** Two consecutive periodic statuses (no control in between) after `from` messages: their tick difference. */
async function ticksPerStatusPeriod(statuses: ReplayStatusMessage[], from: number): Promise<number> {
  await waitFor(() => statuses.length >= from + 3, 10_000, "three statuses");
  const [a, b] = [statuses[from + 1]!, statuses[from + 2]!];
  return b.tick - a.tick;
}

describe("GET /recordings", () => {
  it("lists the recording, newest first, with room type, length and players; an unreadable file is left out", async () => {
    const { status, body } = await get("/recordings");
    expect(status).toBe(200);
    const rows = body.recordings as RecordingListing[];
    expect(rows.length).toBe(1);
    const row = rows[0]!;
    expect(row).toMatchObject({ room: "arena", tickHz: 120, complete: true });
    expect(row.ticks).toBeGreaterThanOrEqual(TICKS);
    expect(row.players.filter((p) => !p.bot).map((p) => p.name)).toEqual(["Alice"]);
    expect(row.players.filter((p) => p.bot).length).toBe(BOT_FILL - 1);
    id = row.id;
    expect(id).toMatch(/^arena\/[A-Za-z0-9_.-]+$/);
    expect((await get("/recordings?room=tag")).body.recordings).toEqual([]);
    expect(await get("/recordings?room=..%2Fetc")).toMatchObject({ status: 400, body: { error: "invalid_room_type" } });
  });
});

describe("POST /replays: hostile and wrong ids (raw HTTP)", () => {
  const cases: [string, number, string][] = [
    ["/replays/arena/..%2F..%2F..%2Fetc%2Fpasswd", 400, "invalid_recording_id"],
    ["/replays/..%2F..%2Fetc/passwd", 400, "invalid_recording_id"],
    ["/replays/arena/%2Fetc%2Fpasswd", 400, "invalid_recording_id"],
    ["/replays/arena/..", 400, "invalid_recording_id"],
    ["/replays/arena/a..b", 400, "invalid_recording_id"],
    ["/replays/arena/no-such-recording", 404, "recording_not_found"],
    ["/replays/tag/no-such-recording", 404, "recording_not_found"],
    ["/replays/arena/garbage", 422, "unreadable_recording"],
  ];
  for (const [target, status, error] of cases) {
    it(`${target} -> ${status} ${error}`, async () => {
      const answer = await rawExchange(port, `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      expect(answer.status).toBe(status);
      expect(JSON.parse(answer.body)).toMatchObject({ error, message: expect.any(String) });
    });
  }
  it("a literal ../ path matches no route: a JSON 404", async () => {
    const answer = await rawExchange(port, `POST /replays/arena/../../etc/passwd HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toHaveProperty("error");
  });
  it("a bad tick is 400 invalid_tick; no token is 401 auth_failed", async () => {
    const bad = await fetch(`http://127.0.0.1:${port}/replays/${id}?at=-5`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: "invalid_tick" });
    const anon = await fetch(`http://127.0.0.1:${port}/replays/${id}`, { method: "POST" });
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatchObject({ error: "auth_failed" });
  });
});

describe("a replay room", () => {
  it("plays at the speed asked (ticks per status period), pauses, ends with every checksum matching, and closes when its viewer leaves", async () => {
    const { room, statuses } = await openReplay(id);
    await waitFor(() => statuses.length > 0, 5000, "the first status");
    expect(statuses[0]).toMatchObject({ recordingId: id, paused: false, speed: 1, divergence: null });
    expect(await ticksPerStatusPeriod(statuses, 0)).toBe(STATUS_EVERY_STEPS);
    room.send(ClientMessage.ReplayControl, { speed: 2, paused: false });
    await waitFor(() => statuses.some((s) => s.speed === 2), 5000, "speed 2");
    expect(await ticksPerStatusPeriod(statuses, statuses.findIndex((s) => s.speed === 2))).toBe(2 * STATUS_EVERY_STEPS);
    room.send(ClientMessage.ReplayControl, { speed: 0.25, paused: false });
    await waitFor(() => statuses.some((s) => s.speed === 0.25), 5000, "speed 0.25");
    const quarter = await ticksPerStatusPeriod(statuses, statuses.findIndex((s) => s.speed === 0.25));
    expect(quarter).toBeGreaterThanOrEqual(3);
    expect(quarter).toBeLessThanOrEqual(4);
    room.send(ClientMessage.ReplayControl, { speed: 4, paused: true });
    await waitFor(() => statuses.some((s) => s.paused), 5000, "paused");
    expect(await ticksPerStatusPeriod(statuses, statuses.findIndex((s) => s.paused))).toBe(0);
    room.send(ClientMessage.ReplayControl, { speed: 4, paused: false });
    const end = await waitFor(() => statuses.find((s) => s.ended), 20_000, "the end");
    expect(end.divergence).toBeNull();
    expect(end.tick).toBe(end.endTick);
    expect(end.checksums).toBeGreaterThan(TICKS / CHECKSUM_EVERY_TICKS);
    // Bad controls are refused with an error, not obeyed.
    const errors: unknown[] = [];
    room.onMessage(ServerMessage.Error, (e: unknown) => errors.push(e));
    room.send(ClientMessage.ReplayControl, { speed: 3, paused: false });
    await waitFor(() => errors.length > 0, 5000, "the error");
    expect(errors[0]).toMatchObject({ code: "invalid_message" });
    const roomId = room.roomId;
    // A player cannot join it.
    await expect(ts.client("Mallory").joinById(roomId)).rejects.toThrow();
    await room.leave(true);
    await waitFor(() => { try { ts.serverRoom(roomId); return false; } catch { return true; } }, 5000, "the replay room to close");
  }, 40_000);

  it("starts at a seeked tick from the keyframe before it (at most KEYFRAME_EVERY_TICKS ticks simulated), forward and back, with checksums matching", async () => {
    for (const at of [TICKS - 100, KEYFRAME_EVERY_TICKS, 50]) {
      const startMs = performance.now();
      const { room, statuses } = await openReplay(id, at, seekerToken);
      await waitFor(() => statuses.length > 0, 5000, "the first status");
      const first = statuses[0]!;
      console.log(`[replay] seek to tick ${at} of an ${BOT_FILL}-player arena: ${Math.round(performance.now() - startMs)} ms until the first status, ${first.ticksSimulated} ticks simulated`);
      expect(first.tick).toBeGreaterThanOrEqual(at);
      expect(first.divergence).toBeNull();
      // Ticks played since the room reached `at` (it runs while the viewer joins).
      const playedSince = first.tick - at;
      const keyframe = Math.floor(at / KEYFRAME_EVERY_TICKS) * KEYFRAME_EVERY_TICKS;
      if (keyframe === 0) {
        // No keyframe before it: every tick from the start re-simulated, each checksum compared (plus the start's).
        expect(first.keyframeTick).toBeNull();
        expect(first.ticksSimulated).toBe(first.tick - first.startTick);
        expect(first.checksums).toBe(first.tick - first.startTick + 1);
        continue;
      }
      expect(first.keyframeTick).toBe(keyframe);
      // The seek's cost: from the keyframe to `at`, not from the start.
      expect(first.ticksSimulated - playedSince).toBe(at - keyframe);
      expect(first.ticksSimulated - playedSince).toBeLessThanOrEqual(KEYFRAME_EVERY_TICKS);
      // Counted by what the old code reports too: one checksum a tick simulated, plus the start's and the keyframe's.
      expect(first.checksums).toBe(first.ticksSimulated + 2);
      await room.leave(true);
    }
  }, 20_000);

  it("plays on from a keyframe to the end with every checksum matching (the keyframe at the end's included)", async () => {
    const { room, statuses } = await openReplay(id, TICKS - 150, seekerToken);
    await waitFor(() => statuses.length > 0, 5000, "the first status");
    room.send(ClientMessage.ReplayControl, { speed: 4, paused: false });
    const end = await waitFor(() => statuses.find((s) => s.ended), 20_000, "the end");
    expect(end.keyframeTick).toBe(TICKS - 200);
    expect(end.divergence).toBeNull();
    expect(end.tick).toBe(end.endTick);
    await room.leave(true);
  }, 30_000);

  it("a normal room refuses replay_control as an unknown message; a create option `replay` is refused", async () => {
    const player = await ts.client("Bob").create<ArenaState>("arena");
    const errors: { code: string }[] = [];
    player.onMessage(ServerMessage.Error, (e: { code: string }) => errors.push(e));
    player.onMessage("*", () => undefined);
    player.send(ClientMessage.ReplayControl, { speed: 2, paused: false });
    await waitFor(() => errors.length > 0, 5000, "the error");
    expect(errors[0]!.code).toBe("unknown_type");
    await player.leave(true);
    await expect(ts.client("Eve").create("arena", { replay: "guessed-token" })).rejects.toThrow(/no such replay/);
  });

  it("refuses a replay room over the per-address limit with 429 too_many_replays", async () => {
    configureReplayLimits({ maxRooms: 16, maxRoomsPerAddress: openReplayRooms() + 2, viewersPerRoom: 2 });
    const answers: number[] = [];
    const viewers: Room[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/replays/${id}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
      answers.push(res.status);
      const body = (await res.json()) as never;
      if (res.status !== 200) expect(body).toMatchObject({ error: "too_many_replays" });
      else viewers.push(await ts.client("Viewer").consumeSeatReservation(body));
    }
    await Promise.all(viewers.map((v) => v.leave(true)));
    expect(answers.filter((s) => s === 200).length).toBe(2);
    expect(answers.at(-1)).toBe(429);
  });
});
