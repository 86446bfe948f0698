import { describe, expect, it } from "vitest";
import { DEFAULT_RECORDING, recordingFromEnv } from "../../src/framework/recording/index.js";

describe("recordingFromEnv", () => {
  it("is on by default (RECORD=0 turns it off), with the defaults; any other RECORD is refused, naming it", () => {
    expect(recordingFromEnv({}, "/data")).toMatchObject({ ...DEFAULT_RECORDING, dir: "/data/recordings" });
    expect(recordingFromEnv({ RECORD: "" }, "/data")).toMatchObject({ ...DEFAULT_RECORDING, dir: "/data/recordings" });
    expect(recordingFromEnv({ RECORD: "1" }, "/data")).toMatchObject({ ...DEFAULT_RECORDING, dir: "/data/recordings" });
    expect(recordingFromEnv({ RECORD: "0" }, "/data")).toBeNull();
    expect(() => recordingFromEnv({ RECORD: "yes" }, "/data")).toThrow(/RECORD must be 0 or 1/);
  });

  it("refuses a limit that is not a whole number in range at startup, naming the variable", () => {
    expect(() => recordingFromEnv({ RECORD: "1", RECORD_KEEP_FILES: "lots" }, "/data")).toThrow(/RECORD_KEEP_FILES/);
    expect(() => recordingFromEnv({ RECORD: "1", RECORD_CHECKSUM_EVERY_TICKS: "0" }, "/data")).toThrow(/RECORD_CHECKSUM_EVERY_TICKS/);
  });
});
