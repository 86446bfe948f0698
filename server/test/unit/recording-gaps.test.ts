import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION } from "@arena/shared";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import type { HeadlessRoom } from "../../src/framework/recording/headless-room.js";
import { readRecording } from "../../src/framework/recording/replay.js";
import { Replayer } from "../../src/framework/recording/replayer.js";
import { RoomRecorder } from "../../src/framework/recording/room-recorder.js";
import { logger } from "../../src/framework/logger.js";
import type { TickInput } from "../../src/framework/tick-room.js";

/**
 * Most ticks of a quiet room write nothing (no input applied, no checksum due). A seat, an unseat
 * or an arrival message after such a tick must replay after that tick, not after the last tick
 * that wrote something: a player seated at tick 9 of a live room and at tick 0 of its replay
 * diverges as soon as anything counted from its seat (spawn protection, a timer) comes due.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recording-gaps-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it("events between ticks that wrote nothing are replayed after the tick they followed", async () => {
  const recorder = new RoomRecorder({ ...DEFAULT_RECORDING, dir, checksumEveryTicks: 1000 }, {
    format: RECORDING_FORMAT, formatVersion: RECORDING_FORMAT_VERSION, room: "gaps", definitionVersion: 1, roomId: "r1",
    startedAtMs: 0, config: { tickHz: 60 }, options: null, checksumEveryTicks: 1000, checksumSkip: [], startTick: 0, startChecksum: 7,
  }, logger);
  const tickNow = (tick: number): void => recorder.endTick(tick, () => 7);
  for (let t = 1; t <= 9; t++) tickNow(t);
  recorder.seat("p1", "id1", "Ann", null, false); // after tick 9, which wrote nothing
  for (let t = 10; t <= 20; t++) tickNow(t);
  recorder.arrival("p1", "emote", "wave"); // after tick 20
  for (let t = 21; t <= 25; t++) tickNow(t);
  recorder.unseat("p1"); // after tick 25
  tickNow(26);
  const file = await recorder.finish("dispose");
  expect(file).not.toBeNull();

  // What a replay does, in order: the ticks it steps and the events between them.
  const calls: string[] = [];
  let tick = 0;
  const driver: HeadlessRoom<TickInput> = {
    seat: (id) => calls.push(`seat ${id} after ${tick}`),
    unseat: (id) => calls.push(`unseat ${id} after ${tick}`),
    arrival: (id, type) => calls.push(`${type} ${id} after ${tick}`),
    beginTick: () => undefined,
    tickMessage: () => undefined,
    input: () => undefined,
    endTick: () => void tick++,
    checksum: () => 7,
    restore: () => undefined,
    get tick() {
      return tick;
    },
  };
  const replayer = new Replayer(readRecording(fs.readFileSync(file!)), driver);
  while (!replayer.done) replayer.advance(1000);
  expect(calls).toEqual(["seat p1 after 9", "emote p1 after 20", "unseat p1 after 25"]);
  expect(tick).toBe(26);
  expect(replayer.divergence).toBeNull();
});
