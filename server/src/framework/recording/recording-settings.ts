import { wholeNumberFromEnv } from "../config.js";
import path from "node:path";

/** Where and how rooms record (see docs/operations.md, "Recordings"). */
export interface RecordingSettings {
  /** Root directory; each room type gets a subdirectory. */
  dir: string;
  /**
   * A checksum of the state every this many ticks (1 = every tick). A replay names the first
   * checksum that differs and the last that matched, so this is how closely a divergence is
   * located; the checksum walks the whole state (about 50-70 µs for a 16-player arena), so
   * every tick would cost more than the rest of the recording.
   */
  checksumEveryTicks: number;
  /**
   * A keyframe (the whole room at a tick boundary, see keyframe.ts) every this many ticks; 0:
   * none. A seek in a replay room simulates at most this many ticks from the keyframe before it;
   * one costs a full state encode on the tick (about 0.2-0.5 ms for a 16-player arena).
   */
  keyframeEveryTicks: number;
  /** Room time one file covers at most, in minutes: the recording stops there ("limit"). */
  maxMinutes: number;
  /** Compressed bytes one file holds at most: the recording stops there ("limit"). */
  maxFileBytes: number;
  /** Files kept over all room types (oldest pruned first). */
  keepFiles: number;
  /** Bytes kept over all room types (oldest pruned first). */
  keepBytes: number;
}

export const DEFAULT_RECORDING = {
  checksumEveryTicks: 60,
  /** 30 s at the arena's 60 Hz. */
  keyframeEveryTicks: 1800,
  maxMinutes: 60,
  maxFileBytes: 32 * 1024 * 1024,
  keepFiles: 500,
  keepBytes: 1024 * 1024 * 1024,
} as const satisfies Omit<RecordingSettings, "dir">;

let current: RecordingSettings | null = null;

/** Turn recording on for every TickRoom created from now on (null: off, the default for in-process servers). */
export function configureRecording(settings: RecordingSettings | null): void {
  current = settings;
}

/** The process's recording settings, or null when rooms do not record. */
export function recordingSettings(): RecordingSettings | null {
  return current;
}

/**
 * RECORD (default on; "0" turns it off: see docs/performance.md "Recordings: size and cost" for
 * what it costs), RECORD_DIR (default `<dataDir>/recordings`), RECORD_CHECKSUM_EVERY_TICKS,
 * RECORD_KEYFRAME_EVERY_TICKS, RECORD_MAX_MINUTES, RECORD_MAX_FILE_MB, RECORD_KEEP_FILES, RECORD_KEEP_MB. Any RECORD other
 * than "0" or "1" is refused at startup (a typo must not silently record or not).
 */
export function recordingFromEnv(env: NodeJS.ProcessEnv, dataDir: string): RecordingSettings | null {
  const record = env.RECORD || "1";
  if (record !== "0" && record !== "1") throw new Error(`RECORD must be 0 or 1, not ${JSON.stringify(record.slice(0, 40))}`);
  if (record === "0") return null;
  const mb = 1024 * 1024;
  return {
    dir: env.RECORD_DIR ? path.resolve(env.RECORD_DIR) : path.join(dataDir, "recordings"),
    checksumEveryTicks: wholeNumberFromEnv("RECORD_CHECKSUM_EVERY_TICKS", env.RECORD_CHECKSUM_EVERY_TICKS, DEFAULT_RECORDING.checksumEveryTicks, 1, 3600),
    keyframeEveryTicks: wholeNumberFromEnv("RECORD_KEYFRAME_EVERY_TICKS", env.RECORD_KEYFRAME_EVERY_TICKS, DEFAULT_RECORDING.keyframeEveryTicks, 0, 1_000_000),
    maxMinutes: wholeNumberFromEnv("RECORD_MAX_MINUTES", env.RECORD_MAX_MINUTES, DEFAULT_RECORDING.maxMinutes, 1, 24 * 60),
    maxFileBytes: wholeNumberFromEnv("RECORD_MAX_FILE_MB", env.RECORD_MAX_FILE_MB, DEFAULT_RECORDING.maxFileBytes / mb, 1, 4096) * mb,
    keepFiles: wholeNumberFromEnv("RECORD_KEEP_FILES", env.RECORD_KEEP_FILES, DEFAULT_RECORDING.keepFiles, 1, 1_000_000),
    keepBytes: wholeNumberFromEnv("RECORD_KEEP_MB", env.RECORD_KEEP_MB, DEFAULT_RECORDING.keepBytes / mb, 1, 1_000_000) * mb,
  };
}
