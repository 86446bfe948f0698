import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecLine } from "@arena/shared";
import type { ArenaInput, ArenaState } from "@arena/shared/games/arena";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import { readRecording, replayRecording, type Recording, type TickRoomClass } from "../../src/framework/recording/replay.js";
import type { TickContext } from "../../src/framework/index.js";
import { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * A real arena room (BOT_FILL bots and one colyseus.js player) records 1,800 ticks (30 s of
 * the arena's 60 Hz game, run at 120 Hz to take 15 s); the file replays headless with zero
 * divergences, and a replay with one rule changed diverges at the first tick it changes.
 */
const TICKS = 1800;
const BOT_FILL = 6;

let ts: TestServer;
let dir: string;
let recording: Recording;
let fileBytes = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "recordings-"));
  ts = await startTestServer({
    roomConfig: { botFill: BOT_FILL, reconnectGraceSec: 0, tickHz: 120 },
    recording: { ...DEFAULT_RECORDING, dir, checksumEveryTicks: 1 },
  });
  const client = ts.client("Alice");
  const room = await client.create<ArenaState>("arena", { hello: "options are recorded" });
  room.onMessage("*", () => undefined);
  const server = ts.serverRoom<ArenaRoom>(room.roomId);
  let seq = 0;
  let closed = 0;
  room.onLeave((code) => (closed = code));
  // Walks in circles and fires now and then, like a person: one input every 17 ms, under the
  // per-client message limit (an input every other tick of this 120 Hz room).
  const timer = setInterval(() => {
    seq++;
    const angle = seq / 20;
    room.send("input", { seq, viewTick: room.state.tick, moveX: Math.cos(angle), moveY: Math.sin(angle), aim: Math.atan2(Math.sin(angle), Math.cos(angle)), fire: seq % 25 < 5 });
  }, 17);
  try {
    await waitFor(() => {
      if (closed) throw new Error(`the player was closed (${closed}) at tick ${server.state.tick}`);
      return server.state.tick >= TICKS;
    }, 45_000, `${TICKS} ticks`);
  } finally {
    clearInterval(timer);
  }
  await room.leave(true);
  const file = await waitFor(() => fs.readdirSync(path.join(dir, "arena")).find((f) => f.endsWith(".rec")), 10_000, "the recording file");
  const bytes = fs.readFileSync(path.join(dir, "arena", file));
  fileBytes = bytes.length;
  recording = readRecording(bytes);
}, 60_000);

afterAll(async () => {
  await ts?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("recording a real arena room", () => {
  it("holds the room type, config, seats (person and bots), their inputs, checksums and the end", () => {
    const { header, lines } = recording;
    expect(recording.complete).toBe(true);
    expect(header.room).toBe("arena");
    expect(header.config.tickHz).toBe(120);
    const seats = lines.filter((l) => l[0] === RecLine.Seat);
    const alice = seats.find((l) => l[6] === 0)!;
    expect(alice[4]).toBe("Alice");
    expect(alice[5]).toEqual({ hello: "options are recorded" });
    expect(seats.filter((l) => l[6] === 1).length).toBe(BOT_FILL - 1);
    expect(lines.some((l) => l[0] === RecLine.Unseat)).toBe(true);
    const ticks = lines.filter((l) => l[0] === RecLine.Tick);
    const aliceSeat = alice[1] as number;
    expect(ticks.filter((l) => l.slice(3).some((e) => (e as number[])[0] === aliceSeat)).length).toBeGreaterThan(TICKS / 4);
    expect(ticks.filter((l) => typeof l[2] === "number").length).toBeGreaterThanOrEqual(TICKS);
    expect(lines.at(-1)![0]).toBe(RecLine.End);
  });

  it("is smaller than the same lines as format 1's gzip'd JSON lines, and under 90 KB per player-minute (bots' full-precision doubles are most of it; this room checksums every tick)", () => {
    const { header, lines } = recording;
    const tickHz = Number(header.config.tickHz);
    // Player-minutes: each seat from its seat line to its unseat (or the end), in ticks.
    let tick = header.startTick;
    const seatedAt = new Map<number, number>();
    let playerTicks = 0;
    for (const l of lines) {
      if (l[0] === RecLine.Tick || l[0] === RecLine.End) tick = l[1] as number;
      if (l[0] === RecLine.Seat) seatedAt.set(l[1] as number, tick);
      if (l[0] === RecLine.Unseat) {
        playerTicks += tick - seatedAt.get(l[1] as number)!;
        seatedAt.delete(l[1] as number);
      }
    }
    for (const at of seatedAt.values()) playerTicks += tick - at;
    // Room time as the arena's 60 Hz game would play it (the test runs it at 120 Hz: same ticks, same inputs).
    const playerMinutes = playerTicks / 60 / 60;
    expect(tickHz).toBe(120);
    expect(playerMinutes).toBeGreaterThan(1);
    const perPlayerMinute = fileBytes / playerMinutes;
    const jsonLinesBytes = gzipSync([header, ...lines].map((l) => JSON.stringify(l)).join("\n") + "\n").length;
    console.log(`recording: ${fileBytes} B for ${playerMinutes.toFixed(2)} player-minutes (${Math.round(perPlayerMinute)} B per player-minute); as JSON lines: ${jsonLinesBytes} B`);
    expect(fileBytes).toBeLessThan(jsonLinesBytes * 0.95);
    expect(perPlayerMinute).toBeLessThan(90_000);
  });
});

describe("npm run replay's harness", () => {
  it("re-simulates the recording headless with zero divergences", () => {
    const result = replayRecording(recording, ArenaRoom as unknown as TickRoomClass);
    expect(result.divergence).toBeNull();
    expect(result.ticks).toBeGreaterThanOrEqual(TICKS);
    expect(result.checksums).toBeGreaterThanOrEqual(TICKS);
    expect(result.warnings).toEqual([]);
  });

  it("catches a changed rule (players move 0.5 px further per input from tick T) at tick T", () => {
    // T: a tick in the middle with inputs applied (bots play every tick).
    const ticks = recording.lines.filter((l) => l[0] === RecLine.Tick && l.length > 3).map((l) => l[1] as number);
    const changeTick = ticks.find((t) => t >= TICKS / 2)!;
    expect(changeTick).toBeDefined();
    class FasterArena extends ArenaRoom {
      protected override applyInput(sessionId: string, input: ArenaInput, ctx: TickContext): void {
        super.applyInput(sessionId, input, ctx);
        const player = this.state.players.get(sessionId);
        if (player && ctx.tick >= changeTick) player.x += 0.5;
      }
    }
    const result = replayRecording(recording, FasterArena as unknown as TickRoomClass);
    expect(result.divergence).toMatchObject({ tick: changeTick, lastMatchTick: changeTick - 1 });
  });
});
