import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecLine, RecordingEncoder, type KeyframeData } from "@arena/shared";
import { DEFAULT_RECORDING as DEFAULTS } from "../../src/framework/recording/recording-settings.js";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import { readRecording, replayFromKeyframes, replayRecording, type Recording, type TickRoomClass } from "../../src/framework/recording/replay.js";
import { ArenaRoom, type ArenaWorld } from "../../src/rooms/arena/arena-room.js";
import { SoccerRoom, type SoccerWorld } from "../../src/rooms/soccer/soccer-room.js";
import { TagRoom } from "../../src/rooms/tag/tag-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * Real rooms (one colyseus.js player, the rest server-side bots, run at 120 Hz to go twice as
 * fast) record with a keyframe every KEYFRAME_EVERY_TICKS ticks and a checksum every tick. Each
 * keyframe span, replayed on its own from its keyframe, meets every recorded checksum and the
 * next keyframe's; a room type whose keyframe leaves one piece of its server-only state out is
 * caught in exactly the spans where that piece mattered.
 */
const ARENA_TICKS = 1800;
const SHORT_TICKS = 600;
const KEYFRAME_EVERY_TICKS = 150;
const BOT_FILL = 6;

let ts: TestServer;
let dir: string;
const recordings = new Map<string, Recording>();
const files = new Map<string, string>();

/** A bot match of `roomName` for `ticks` ticks (one idle person keeps the bots seated), read back from its file. */
async function recordBotMatch(roomName: string, ticks: number): Promise<Recording> {
  const room = await ts.client("Alice").create(roomName);
  room.onMessage("*", () => undefined);
  const server = ts.serverRoom(room.roomId) as unknown as { state: { tick: number } };
  await waitFor(() => server.state.tick >= ticks, 45_000, `${ticks} ticks of ${roomName}`);
  await room.leave(true);
  const file = await waitFor(() => fs.existsSync(path.join(dir, roomName)) && fs.readdirSync(path.join(dir, roomName)).find((f) => f.endsWith(".rec")), 10_000, "the recording file");
  files.set(roomName, path.join(dir, roomName, file));
  return readRecording(fs.readFileSync(path.join(dir, roomName, file)));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyframes-"));
  ts = await startTestServer({
    roomConfig: { botFill: BOT_FILL, reconnectGraceSec: 0, tickHz: 120 },
    recording: { ...DEFAULT_RECORDING, dir, checksumEveryTicks: 1, keyframeEveryTicks: KEYFRAME_EVERY_TICKS },
  });
  recordings.set("arena", await recordBotMatch("arena", ARENA_TICKS));
  recordings.set("soccer", await recordBotMatch("soccer", SHORT_TICKS));
  recordings.set("tag", await recordBotMatch("tag", SHORT_TICKS));
}, 120_000);

afterAll(async () => {
  await ts?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The keyframe lines' world data, by keyframe tick. */
function worlds<W>(recording: Recording): Map<number, W> {
  const out = new Map<number, W>();
  for (const kf of recording.keyframes) out.set(kf.tick, (recording.lines[kf.line]![4] as KeyframeData).world as W);
  return out;
}

describe("keyframes in a recording", () => {
  it("come every KEYFRAME_EVERY_TICKS ticks (format 3), each right after its tick's line", () => {
    const recording = recordings.get("arena")!;
    expect(recording.header.formatVersion).toBe(3);
    expect(recording.header.keyframeEveryTicks).toBe(KEYFRAME_EVERY_TICKS);
    const ticks = recording.keyframes.map((k) => k.tick);
    expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(ARENA_TICKS / KEYFRAME_EVERY_TICKS));
    ticks.forEach((t, i) => expect(t).toBe((i + 1) * KEYFRAME_EVERY_TICKS));
    for (const kf of recording.keyframes) {
      const before = recording.lines[kf.line - 1]!;
      expect(before[0]).toBe(RecLine.Tick);
      expect(before[1]).toBe(kf.tick);
      expect((recording.lines[kf.line]![4] as KeyframeData).seats.length).toBe(BOT_FILL);
    }
  });

  it("cost (bot match, per player-minute of the 60 Hz game): at the default interval, keyframes add under 10% to the file", () => {
    const recording = recordings.get("arena")!;
    const fileBytes = fs.statSync(files.get("arena")!).size;
    // Each keyframe record's size, re-encoded from what was read (the encoding is deterministic).
    const encoder = new RecordingEncoder(recording.header);
    encoder.take();
    let keyframeBytes = 0;
    for (const kf of recording.keyframes) {
      const [, tick, checksum, stateBytes, data] = recording.lines[kf.line] as [string, number, number, Uint8Array, KeyframeData];
      encoder.keyframe(tick, checksum, stateBytes, data);
      keyframeBytes += encoder.take().length;
    }
    const seats = BOT_FILL; // everyone seated the whole match (the person and the bots)
    const playerMinutes = (seats * ARENA_TICKS) / 60 / 60;
    const perKeyframe = keyframeBytes / recording.keyframes.length;
    const withoutKeyframes = (fileBytes - keyframeBytes) / playerMinutes;
    // At the default interval: keyframes per minute of the 60 Hz game, shared by the seats.
    const atDefault = (perKeyframe * (60 * 60 / DEFAULTS.keyframeEveryTicks)) / seats;
    console.log(
      `keyframes: ${recording.keyframes.length} x ${Math.round(perKeyframe)} B for ${seats} players; recording without them ${Math.round(withoutKeyframes)} B per player-minute ` +
      `(checksum every tick), keyframes every ${KEYFRAME_EVERY_TICKS} ticks add ${Math.round(keyframeBytes / playerMinutes)}, every ${DEFAULTS.keyframeEveryTicks} (default) ${Math.round(atDefault)}`,
    );
    expect(keyframeBytes).toBeGreaterThan(0);
    expect(atDefault).toBeLessThan(withoutKeyframes * 0.1);
  });

  it.each(["arena", "soccer", "tag"])("%s: every span replayed from its own keyframe meets every checksum, the next keyframe's included", (name) => {
    const recording = recordings.get(name)!;
    const roomClass = { arena: ArenaRoom, soccer: SoccerRoom, tag: TagRoom }[name] as unknown as TickRoomClass;
    const { spans, warnings } = replayFromKeyframes(recording, roomClass);
    expect(warnings).toEqual([]);
    expect(spans.length).toBe(recording.keyframes.length);
    spans.forEach((span, i) => {
      expect(span.divergence, `span from ${span.fromTick}`).toBeNull();
      expect(span.ticks).toBe(span.toTick - span.fromTick);
      // The restored state's, one per tick (a checksum every tick), and the next keyframe's.
      expect(span.checksums).toBe(1 + span.ticks + (i + 1 < spans.length ? 1 : 0));
    });
    expect(spans.slice(0, -1).every((s) => s.ticks === KEYFRAME_EVERY_TICKS)).toBe(true);
    // The whole recording from the start still replays, comparing every keyframe's checksum on the way.
    const whole = replayRecording(recording, roomClass);
    expect(whole.divergence).toBeNull();
    expect(whole.checksums).toBeGreaterThan(whole.ticks + recording.keyframes.length);
  });

  it("arena: a keyframe without the dead players' respawn ticks diverges in exactly the spans that begin with someone dead, at the first respawn", () => {
    const recording = recordings.get("arena")!;
    class ForgetfulArena extends ArenaRoom {
      protected override restoreWorld(world: ArenaWorld): void {
        super.restoreWorld({ ...world, timers: world.timers.map(([id, fire, , shield]) => [id, fire, 0, shield]) });
      }
    }
    const pending = worlds<ArenaWorld>(recording);
    const { spans } = replayFromKeyframes(recording, ForgetfulArena as unknown as TickRoomClass);
    let caught = 0;
    for (const span of spans.filter((s) => s.ticks > 0)) {
      // Respawns due within the span (one due after the recording ends cannot show).
      const respawns = pending.get(span.fromTick)!.timers.map((t) => t[2]).filter((t) => t > span.fromTick && t <= span.toTick);
      if (respawns.length === 0) {
        expect(span.divergence, `span from ${span.fromTick}: nobody dead, or no respawn due before it ends`).toBeNull();
        continue;
      }
      caught++;
      expect(span.divergence, `span from ${span.fromTick}: respawns due at ${respawns.join(", ")}`).toMatchObject({ tick: Math.min(...respawns) });
    }
    // The match must have had someone dead at a keyframe, or this test proved nothing.
    expect(caught).toBeGreaterThan(0);
  });

  it("soccer: a keyframe without the ball's velocity diverges in the spans that begin with the ball moving, at the next tick", () => {
    const recording = recordings.get("soccer")!;
    class StillBallSoccer extends SoccerRoom {
      protected override restoreWorld(world: SoccerWorld): void {
        super.restoreWorld({ ...world, ball: { ...world.ball, vx: 0, vy: 0 } });
      }
    }
    const balls = worlds<SoccerWorld>(recording);
    const { spans } = replayFromKeyframes(recording, StillBallSoccer as unknown as TickRoomClass);
    let moving = 0;
    for (const span of spans.filter((s) => s.ticks > 0)) {
      const ball = balls.get(span.fromTick)!.ball;
      if (ball.vx === 0 && ball.vy === 0) {
        expect(span.divergence, `span from ${span.fromTick}: ball still`).toBeNull();
        continue;
      }
      moving++;
      expect(span.divergence, `span from ${span.fromTick}: ball moving`).toMatchObject({ tick: span.fromTick + 1, lastMatchTick: span.fromTick });
    }
    expect(moving).toBeGreaterThan(0);
  });

  it("npm run replay -- --from-keyframes (the built tool) replays every span of the file: 0 diverged, exit 0", () => {
    const tool = path.resolve(import.meta.dirname, "../../dist/tools/replay.js");
    expect(fs.existsSync(tool), "server/dist: run npx tsc -b first").toBe(true);
    const run = spawnSync(process.execPath, [tool, "--from-keyframes", files.get("arena")!], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "warn" }, timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`arena \\S+: ${recordings.get("arena")!.keyframes.length} keyframe spans, \\d+ ticks, 0 diverged`));
  });
});
