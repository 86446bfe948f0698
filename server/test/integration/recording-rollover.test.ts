import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientMessage, RecLine, ServerMessage, type RecordingListing, type ReplayStatusMessage } from "@arena/shared";
import { guestIdentityProvider } from "../../src/framework/index.js";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import { readRecording, replayFromKeyframes, replayRecording, type Recording, type TickRoomClass } from "../../src/framework/recording/replay.js";
import { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * "The last N minutes of a long one", with tiny limits: a real arena bot match (120 Hz) whose
 * recording may cover FILE_TICKS ticks a file (RECORD_MAX_MINUTES) rolls over into new files,
 * each beginning with a keyframe, instead of stopping; pruning keeps the newest KEEP_FILES. What
 * is kept covers the room's last ticks without a gap, and each file replays on its own.
 */
const TICK_HZ = 120;
const FILE_TICKS = 360;
const TICKS = 1300;
const KEEP_FILES = 3;

let ts: TestServer;
let dir: string;
let lastTick = 0;
let kept: Recording[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "rollover-"));
  ts = await startTestServer({
    roomConfig: { botFill: 4, reconnectGraceSec: 0, tickHz: TICK_HZ },
    recording: { ...DEFAULT_RECORDING, dir, checksumEveryTicks: 1, keyframeEveryTicks: 150, maxMinutes: FILE_TICKS / TICK_HZ / 60, keepFiles: KEEP_FILES },
  });
  const room = await ts.client("Alice").create("arena");
  room.onMessage("*", () => undefined);
  const server = ts.serverRoom(room.roomId) as unknown as { state: { tick: number } };
  await waitFor(() => server.state.tick >= TICKS, 45_000, `${TICKS} ticks`);
  await room.leave(true);
  const roomDir = path.join(dir, "arena");
  // The room's last file is finished at dispose, and pruned after: wait for the count to settle.
  await waitFor(() => {
    const names = fs.existsSync(roomDir) ? fs.readdirSync(roomDir) : [];
    return names.length === KEEP_FILES && names.every((n) => n.endsWith(".rec"));
  }, 10_000, `${KEEP_FILES} finished files`);
  kept = fs.readdirSync(roomDir).sort().map((n) => readRecording(fs.readFileSync(path.join(roomDir, n))));
  lastTick = kept.at(-1)!.lines.at(-1)![1] as number;
}, 60_000);

afterAll(async () => {
  await ts?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("a long room's recording rolls over", () => {
  it("into files that each begin with a keyframe at their start; the newest KEEP_FILES cover the room's last ticks without a gap", () => {
    expect(kept.length).toBe(KEEP_FILES);
    expect(lastTick).toBeGreaterThanOrEqual(TICKS);
    kept.forEach((rec, i) => {
      const { header, lines } = rec;
      // The first file (part 0, from tick 0) was pruned: only rolled-over ones are left.
      expect(header.part).toBeGreaterThan(0);
      expect(header.startTick).toBeGreaterThan(0);
      expect(lines[0]![0]).toBe(RecLine.Keyframe);
      expect(lines[0]![1]).toBe(header.startTick);
      expect(rec.complete).toBe(true);
      const end = lines.at(-1)!;
      if (i + 1 < kept.length) {
        // Ends where the next one starts, at the cap.
        expect(end).toEqual([RecLine.End, kept[i + 1]!.header.startTick, "limit"]);
        expect(kept[i + 1]!.header.part).toBe(header.part! + 1);
        expect(end[1] as number - header.startTick).toBe(FILE_TICKS);
      } else {
        expect(end[2]).toBe("dispose");
      }
    });
    // The newest files hold the last (KEEP_FILES - 1) whole files' worth of ticks and then some.
    expect(lastTick - kept[0]!.header.startTick).toBeGreaterThanOrEqual((KEEP_FILES - 1) * FILE_TICKS);
  });

  it("each kept file replays on its own with zero divergence, from its start and from each of its keyframes", () => {
    for (const rec of kept) {
      const whole = replayRecording(rec, ArenaRoom as unknown as TickRoomClass);
      expect(whole.divergence, `file from ${rec.header.startTick}`).toBeNull();
      expect(whole.warnings).toEqual([]);
      expect(whole.ticks).toBe((rec.lines.at(-1)![1] as number) - rec.header.startTick);
      const { spans } = replayFromKeyframes(rec, ArenaRoom as unknown as TickRoomClass);
      expect(spans[0]!.fromTick).toBe(rec.header.startTick);
      for (const span of spans) expect(span.divergence, `file from ${rec.header.startTick}, span from ${span.fromTick}`).toBeNull();
    }
  });

  it("GET /recordings lists each kept file with its length and everyone seated (from its first keyframe)", async () => {
    const res = await fetch(`http://127.0.0.1:${ts.server.port}/recordings?room=arena`);
    expect(res.status).toBe(200);
    const { recordings } = (await res.json()) as { recordings: RecordingListing[] };
    expect(recordings.length).toBe(KEEP_FILES);
    for (const row of recordings) {
      expect(row.players.filter((p) => !p.bot).map((p) => p.name)).toEqual(["Alice"]);
      expect(row.players.filter((p) => p.bot).length).toBe(3);
    }
    expect(recordings.map((r) => r.ticks).slice(1)).toEqual([FILE_TICKS, FILE_TICKS]);
  });

  it("a replay room of a rolled-over file starts from its first keyframe and plays to its end with every checksum matching", async () => {
    const res = await fetch(`http://127.0.0.1:${ts.server.port}/recordings?room=arena`);
    const { recordings } = (await res.json()) as { recordings: RecordingListing[] };
    const oldest = recordings.at(-1)!;
    const token = guestIdentityProvider().issue("Viewer").token;
    const open = await fetch(`http://127.0.0.1:${ts.server.port}/replays/${oldest.id}`, { method: "POST", headers: { Authorization: `Bearer ${token}` } });
    const seat = (await open.json()) as never;
    expect(open.status, JSON.stringify(seat)).toBe(200);
    const viewer = await ts.client("Viewer").consumeSeatReservation(seat);
    const statuses: ReplayStatusMessage[] = [];
    viewer.onMessage(ServerMessage.ReplayStatus, (st: ReplayStatusMessage) => statuses.push(st));
    viewer.onMessage("*", () => undefined);
    await waitFor(() => statuses.length > 0, 5000, "the first status");
    expect(statuses[0]).toMatchObject({ startTick: kept[0]!.header.startTick, keyframeTick: kept[0]!.header.startTick, divergence: null });
    viewer.send(ClientMessage.ReplayControl, { speed: 4, paused: false });
    const end = await waitFor(() => statuses.find((st) => st.ended), 20_000, "the end");
    expect(end.divergence).toBeNull();
    expect(end.tick).toBe(kept[0]!.header.startTick + FILE_TICKS);
    await viewer.leave(true);
  }, 30_000);
});
