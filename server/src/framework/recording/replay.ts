import { gunzipSync, constants as zlibConstants } from "node:zlib";
import { READABLE_RECORDING_FORMAT_VERSIONS, RecLine, decodeRecording, type DecodedRecording, type RecordingHeader } from "@arena/shared";
import type { HeadlessRoom } from "./headless-room.js";
import { Replayer } from "./replayer.js";
import type { TickRoom, TickInput, TickRoomState } from "../tick-room.js";
import type { TickRoomConfig } from "../config.js";

/** A recording read from its file. */
export interface Recording {
  header: RecordingHeader;
  lines: unknown[][];
  /** False for a file without its end line (a `.rec.part` of a room still running, or of a crash). */
  complete: boolean;
  /** The keyframe lines (RecLine.Keyframe) in order: their tick and line index (none in a format-2 file). */
  keyframes: { tick: number; line: number }[];
}

/** The last keyframe at or before `tick`, or undefined (none: replay from the start). */
export function keyframeAtOrBefore(recording: Recording, tick: number): { tick: number; line: number } | undefined {
  let found: { tick: number; line: number } | undefined;
  for (const kf of recording.keyframes) {
    if (kf.tick > tick) break;
    found = kf;
  }
  return found;
}

/** Where a replay first disagreed with a recorded checksum. */
export interface Divergence {
  tick: number;
  expected: number;
  actual: number;
  /** The last tick whose checksum matched (the recording's start tick when none did). */
  lastMatchTick: number;
}

export interface ReplayResult {
  /** Ticks replayed. */
  ticks: number;
  /** Checksums compared (the start's included). */
  checksums: number;
  divergence: Divergence | null;
  /** Things worth knowing that did not stop the replay (a definition version mismatch, a partial file). */
  warnings: string[];
}

/** Bad input to the replay (not a divergence): an unreadable file, an unknown format. */
export class RecordingError extends Error {
  override name = "RecordingError";
}

/**
 * Read a `.rec` (or `.rec.part`) file's bytes into the header and the line arrays of
 * shared/src/protocol/recording.ts (RecLine). A truncated gzip stream is read as far as it goes,
 * and a cut last record is dropped, so a crashed room's part file still replays.
 */
export function readRecording(bytes: Buffer): Recording {
  let body: Buffer;
  try {
    body = gunzipSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
  } catch (err) {
    throw new RecordingError(`not a gzip'd recording: ${(err as Error).message}`);
  }
  let decoded: DecodedRecording;
  try {
    decoded = decodeRecording(body, READABLE_RECORDING_FORMAT_VERSIONS);
  } catch (err) {
    throw new RecordingError((err as Error).message);
  }
  const { header, lines } = decoded;
  const complete = lines.at(-1)?.[0] === RecLine.End;
  const keyframes: Recording["keyframes"] = [];
  lines.forEach((line, i) => {
    if (line[0] === RecLine.Keyframe) keyframes.push({ tick: line[1] as number, line: i });
  });
  return { header, lines, complete, keyframes };
}

/** A TickRoom class, constructible without arguments (what the registry lists). */
export type TickRoomClass = new () => TickRoom<TickRoomState, TickInput>;

export interface ReplayOptions {
  /** Stop at the first divergence (default true); false goes on and reports the first. */
  stopAtDivergence?: boolean;
}

/**
 * Re-simulate a recording headless: a fresh instance of `roomClass` (the recorded room type,
 * or a variant of it) set up from the recorded create options and config, then every recorded
 * seat, unseat, message and input handed to its hooks in the recorded order, tick by tick;
 * after each tick that has a recorded checksum, the state's checksum is compared with it.
 */
export function replayRecording(recording: Recording, roomClass: TickRoomClass, options: ReplayOptions = {}): ReplayResult {
  const warnings = replayWarnings(recording, roomClass);
  const replayer = headlessReplayer(recording, roomClass, options.stopAtDivergence ?? true);
  while (!replayer.done) replayer.advance(Number.MAX_SAFE_INTEGER);
  return { ticks: replayer.ticks, checksums: replayer.checksums, divergence: replayer.divergence, warnings };
}

/** A Replayer over a fresh headless instance of `roomClass`, set up from the recording's create options and config. */
function headlessReplayer(recording: Recording, roomClass: TickRoomClass, stopAtDivergence: boolean): Replayer {
  const { header } = recording;
  const driver = new roomClass().startHeadless(header.roomId, header.room, header.options, header.config as unknown as TickRoomConfig);
  return new Replayer(recording, driver as HeadlessRoom<TickInput>, stopAtDivergence);
}

function replayWarnings(recording: Recording, roomClass: TickRoomClass): string[] {
  const { header } = recording;
  const warnings: string[] = [];
  const version = new roomClass().definitionVersion;
  if (version !== header.definitionVersion) warnings.push(`recorded with definition version ${header.definitionVersion}; this room type is version ${version}`);
  if (!recording.complete) warnings.push("the recording has no end line (partial file): replayed as far as it goes");
  return warnings;
}

/** One keyframe span replayed on its own (replayFromKeyframes). */
export interface KeyframeSpan {
  /** The keyframe it starts from, and the tick it ends at (the next keyframe's, or the recording's end). */
  fromTick: number;
  toTick: number;
  ticks: number;
  /** Checksums compared: the restored state's, every recorded one in the span, the next keyframe's. */
  checksums: number;
  divergence: Divergence | null;
}

export interface KeyframeReplayResult {
  spans: KeyframeSpan[];
  warnings: string[];
}

/**
 * Replay each keyframe span on its own: a fresh headless room restored from keyframe k, replayed
 * up to keyframe k + 1 (whose checksum it must reach, besides every recorded checksum between).
 * A keyframe that leaves out something later ticks depend on (a timer of the room type's, the
 * lag-compensation history) shows as a divergence in the span that starts from it.
 */
export function replayFromKeyframes(recording: Recording, roomClass: TickRoomClass): KeyframeReplayResult {
  const warnings = replayWarnings(recording, roomClass);
  if (recording.keyframes.length === 0) warnings.push("the recording has no keyframes (format 2, or RECORD_KEYFRAME_EVERY_TICKS=0)");
  const spans = recording.keyframes.map((kf, i) => {
    const replayer = headlessReplayer(recording, roomClass, true);
    const before = replayer.checksums;
    replayer.jumpTo(kf.line);
    const toTick = recording.keyframes[i + 1]?.tick ?? replayer.endTick;
    while (!replayer.done && replayer.tick < toTick) replayer.advance(toTick - replayer.tick);
    // Up to and including the next keyframe's own checksum (its line follows its tick's).
    if (!replayer.done) replayer.advance(0);
    return { fromTick: kf.tick, toTick, ticks: replayer.ticks, checksums: replayer.checksums - before, divergence: replayer.divergence };
  });
  return { spans, warnings };
}
