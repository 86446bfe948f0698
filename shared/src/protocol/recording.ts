/**
 * The recording format (`.rec` files, see docs/protocol.md "Recordings"): gzip of a JSON header
 * line and binary records (recording-codec.ts), which decode to one array per line as below
 * (RecLine). Kept here, next to the protocol, so a browser replay can read the same files.
 *
 * Events between ticks (seat, unseat, arrival messages) happened after the tick last
 * listed and before the next one, in file order. A tick with nothing applied and no checksum has
 * no line (a replay steps it with no inputs), except the tick right before such an event: it gets
 * an empty line, so the event is placed after it. The "end" line gives the last tick computed.
 */
export const RECORDING_FORMAT = "tickroom-recording";
/**
 * 3: version 2 plus keyframe records (RecLine.Keyframe). 2: binary records (1 was gzip'd JSON
 * lines: the same lines, 5-10x the recorder's CPU). A version-2 file reads as a version-3 file
 * without keyframes (a seek then replays from the start).
 */
export const RECORDING_FORMAT_VERSION = 3;
/** The format versions this build reads (RECORDING_FORMAT_VERSION and the older ones it still replays). */
export const READABLE_RECORDING_FORMAT_VERSIONS: readonly number[] = [2, 3];

export interface RecordingHeader {
  format: typeof RECORDING_FORMAT;
  formatVersion: number;
  /** Room name (the room type, e.g. "arena"). */
  room: string;
  /** The room type's `definitionVersion` when it was recorded (TickRoom.definitionVersion). */
  definitionVersion: number;
  roomId: string;
  /** Wall clock at create, ms since the epoch (information only; no replay reads it). */
  startedAtMs: number;
  /** The room's effective TickRoomConfig (after serverConfig). */
  config: Record<string, unknown>;
  /** The create options the room got (define options, serverConfig included). */
  options: unknown;
  /** A checksum line is written every this many ticks. */
  checksumEveryTicks: number;
  /** Fields the checksum leaves out (see stateChecksum). */
  checksumSkip: string[];
  /** state.tick right after create (0), and the checksum of the state then. */
  startTick: number;
  startChecksum: number;
  /** A keyframe line every this many ticks (format 3; 0 or absent: none). */
  keyframeEveryTicks?: number;
  /**
   * Which file of its room this is (format 3): 0 or absent the first; n the n-th after a rollover
   * at the time or size cap, whose first line is a keyframe at `startTick` (replays start there).
   */
  part?: number;
}

/**
 * What a keyframe line holds besides its tick and checksum (see RecLine.Keyframe): everything a
 * replay needs to start at that tick instead of at the recording's start. JSON-safe.
 */
/** One entity in a keyframe's lag-compensation history: id, x, y, kind (null: a player), and its teleport counter when it has one. */
export type HistoryRow = [string, number, number, string | null] | [string, number, number, string | null, number];

export interface KeyframeData {
  /**
   * The seated players: [seat, playerId, last input seq, name, isBot 0|1] (their key lists follow
   * as "k" lines; the name and bot flag are for listings of a rolled-over file, which has no
   * seat lines for those already seated).
   */
  seats: [number, string, number, string, number][];
  /** Every primitive own field of every Schema instance in the state, exact (see keyframe.ts). */
  exact: unknown;
  /** Lag-compensation history: [tick, [[id, x, y, kind | null, teleports?], ...]] oldest first (teleports: see HistoricPosition). */
  history: [number, HistoryRow[]][];
  /** The room type's server-only state (TickRoom.snapshotWorld), or null. */
  world: unknown;
}

/** Line codes (first element of each line after the header). */
export const RecLine = {
  /** ["s", seat, playerId, identityId, name, joinOptions, isBot 0|1]: addPlayer; `seat` numbers players from 0 in order. */
  Seat: "s",
  /** ["u", seat]: removePlayer. */
  Unseat: "u",
  /** ["k", seat, keys[]]: that seat's input keys in order, for its inputs that follow (written when they change). */
  Keys: "k",
  /** ["a", seat, type, value]: an "arrival" game message, run between ticks. */
  Arrival: "a",
  /**
   * ["t", tick, checksum | null, entries...]: one tick. Each entry is `[seat, ...values]` (an input,
   * values in the order of its seat's last "k" line; `seq` as the
   * difference from the seat's previous seq, `viewTick` and `viewFloorTick` as ticks before this
   * tick; undefined as null) or `[-1 - seat, type, value]` (a "tick" game
   * message). Entries in the order they were applied. The checksum is that of the state after
   * the tick (null when none is due). When a seat's key list changes after it had an entry in a
   * tick, the tick's entries so far come first as a line of their own with the same tick (then
   * "k", then the rest): a replay applies every line of one tick before stepping it.
   */
  Tick: "t",
  /**
   * ["f", tick, checksum, stateBytes, data]: a keyframe, written right after tick `tick`'s line:
   * the state then (`stateBytes`, a full @colyseus/schema encode) and `data` (KeyframeData).
   * Every seat's next input after it comes with a fresh "k" line, so decoding can start here.
   */
  Keyframe: "f",
  /** ["e", lastTick, reason]: the end ("dispose", "limit" when the size or time cap stopped it). */
  End: "e",
} as const;
