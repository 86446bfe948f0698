import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION, RecLine } from "@arena/shared";
import { DEFAULT_RECORDING } from "../../src/framework/recording/index.js";
import { readRecording } from "../../src/framework/recording/replay.js";
import { RoomRecorder } from "../../src/framework/recording/room-recorder.js";
import { logger } from "../../src/framework/logger.js";

/**
 * The recorder checks an input's keys against its seat's list while it encodes the values: when
 * they differ halfway (a key more, a key fewer, another order), the half-written entry must be
 * taken back and the seat's seq restored before the new "k" line, or the replay reads garbage.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "recording-keys-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Input = Record<string, unknown>;

/** Every input of the recording, as [tick, playerId, input], rebuilt from the lines as a replay reads them. */
function inputsOf(lines: unknown[][], ids: Map<number, string>): [number, string, Input][] {
  const keys = new Map<number, string[]>();
  const seq = new Map<number, number>();
  const out: [number, string, Input][] = [];
  for (const line of lines) {
    if (line[0] === RecLine.Keys) keys.set(line[1] as number, line[2] as string[]);
    if (line[0] !== RecLine.Tick) continue;
    const tick = line[1] as number;
    for (const entry of line.slice(3) as unknown[][]) {
      const [seat, ...values] = entry as [number, ...unknown[]];
      const input: Input = {};
      keys.get(seat)!.forEach((key, i) => {
        const v = values[i];
        if (key === "seq") {
          seq.set(seat, (seq.get(seat) ?? 0) + (v as number));
          input[key] = seq.get(seat);
        } else if (key === "viewTick") input[key] = tick - (v as number);
        else input[key] = v;
      });
      out.push([tick, ids.get(seat)!, input]);
    }
  }
  return out;
}

it("inputs whose keys change, within a tick and between ticks, read back exactly", async () => {
  const recorder = new RoomRecorder({ ...DEFAULT_RECORDING, dir, checksumEveryTicks: 1000 }, {
    format: RECORDING_FORMAT, formatVersion: RECORDING_FORMAT_VERSION, room: "keys", definitionVersion: 1, roomId: "r1",
    startedAtMs: 0, config: { tickHz: 60 }, options: null, checksumEveryTicks: 1000, checksumSkip: [], startTick: 0, startChecksum: 7,
  }, logger);
  recorder.seat("a", "ida", "A", null, false);
  recorder.seat("b", "idb", "B", null, false);
  const applied: [number, string, Input][] = [
    [1, "a", { seq: 1, viewTick: 0, x: 0.5, fire: false }],
    [1, "b", { seq: 1, viewTick: 0, x: 1.25, fire: true }],
    // a again in tick 1 with a key more at the end: found after every old key matched.
    [1, "a", { seq: 2, viewTick: 0, x: 0.75, fire: false, extra: "yes" }],
    // a key fewer at the end: found when the for-in ends short.
    [2, "a", { seq: 3, viewTick: 1, x: 0.75, fire: false }],
    // another key after seq and viewTick were written (seq must be restored).
    [2, "b", { seq: 5, viewTick: 1, y: 2.5, fire: true }],
    [3, "b", { seq: 6, viewTick: 2, y: 2.5, fire: false }],
    [3, "a", { seq: 4, viewTick: 2, x: 0.1, fire: false }],
    // the same keys in another order.
    [4, "b", { viewTick: 3, seq: 7, fire: false, y: 3 }],
    [4, "a", { seq: 5, viewTick: 3, x: 0.1, fire: true }],
  ];
  let tick = 1;
  for (const [t, id, input] of applied) {
    while (tick < t) recorder.endTick(tick++, () => 7);
    recorder.input(id, { ...input });
  }
  recorder.endTick(tick, () => 7);
  const file = await recorder.finish("dispose");
  expect(file).not.toBeNull();
  const { lines, complete } = readRecording(fs.readFileSync(file!));
  expect(complete).toBe(true);
  expect(inputsOf(lines, new Map([[0, "a"], [1, "b"]]))).toEqual(applied);
});
