import { RecLine, RecordingEncoder, type KeyframeData, type RecordingHeader } from "@arena/shared";
import type { Logger } from "../logger.js";
import type { RecordingSettings } from "./recording-settings.js";
import { RecordingStream } from "./recording-stream.js";

/**
 * The bytes are handed to the compressor in batches of this many ticks (one write per batch; the
 * compression runs on libuv's thread pool, off the room's thread).
 */
const FLUSH_EVERY_TICKS = 120;
/** Join options longer than this (as JSON) are recorded as null: no room type reads big ones. */
const MAX_JOIN_OPTIONS_CHARS = 1024;
/** Bytes waiting in the compressor and file stream beyond which the recording gives up (a stuck disk). */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

/** How an input field is stored (see RecLine.Tick): as is, seq as a difference, a view tick as ticks back. */
const PLAIN = 0;
const SEQ = 1;
const TICKS_BACK = 2;

function fieldKind(key: string): number {
  return key === "seq" ? SEQ : key === "viewTick" || key === "viewFloorTick" ? TICKS_BACK : PLAIN;
}

/** A seated player, as the tick path needs it (one map lookup per input). */
interface SeatState {
  seat: number;
  /** Its display name and whether it is a bot (a keyframe lists them: a rolled-over file has no seat lines for them). */
  name: string;
  bot: boolean;
  /** Its input keys, in the order of its last "k" line (null before its first input). */
  keys: string[] | null;
  kinds: number[];
  /** Its last input seq (inputs store the difference). */
  lastSeq: number;
  /** The value of `part` when it last had an entry: equal means it has one in the part being written. */
  part: number;
}

/** What the room gives for a keyframe (TickRoom.captureKeyframe); the recorder adds the seats. */
export type RoomKeyframe = Omit<KeyframeData, "seats"> & { stateBytes: Uint8Array };

/**
 * What one room applied, tick by tick, streamed to `<dir>/<room>/<time>-<roomId>.rec.part` as
 * gzip'd binary records (format: shared/src/protocol/recording.ts and recording-codec.ts) and
 * renamed to `.rec` when it ends. The tick path only writes varints and doubles into a reused
 * buffer (RecordingEncoder); no JSON, no per-input arrays. Memory stays bounded: the bytes are
 * handed to the compressor every FLUSH_EVERY_TICKS. Never
 * throws into the room: a failure logs once and stops recording. After a file ends (dispose, or
 * the time or size cap), old files are pruned to the keep limits.
 *
 * At the time or size cap a room that gives keyframes rolls over: the file ends ("limit") and a
 * new one begins, whose first line is a keyframe at its start tick (and whose header's `part`
 * counts the files of the room), so a long room keeps its newest files as the pruning allows
 * (the last N minutes), each replayable on its own. Without keyframes the recording stops there.
 */
export class RoomRecorder {
  private stream: RecordingStream;
  private encoder: RecordingEncoder;
  private readonly seats = new Map<string, SeatState>();
  private nextSeat = 0;
  /** Counts the tick records (and parts) written: a seat whose `part` equals it has an entry in the open one. */
  private part = 1;
  private ticksSinceFlush = 0;
  private lastTick: number;
  private maxTick: number;
  /** Files this room began (rollovers + 1). */
  private files = 1;
  private stopped = false;
  private finished: Promise<string | null> | null = null;
  /** Keyframes written, and the time the last one took on the tick (capture + encode), in µs. */
  keyframes = 0;
  lastKeyframeUs = 0;

  /** `captureKeyframe`: the room's side of a keyframe (null: this recording writes none). */
  constructor(
    private readonly settings: RecordingSettings,
    private readonly header: RecordingHeader,
    private readonly log: Logger,
    private readonly captureKeyframe: (() => RoomKeyframe) | null = null,
  ) {
    this.stream = this.openStream(header);
    this.lastTick = header.startTick;
    this.maxTick = this.capTick(header.startTick);
    this.encoder = new RecordingEncoder(header);
  }

  /** The current file's path (`.rec`, once finished). */
  get path(): string {
    return this.stream.path;
  }

  private openStream(header: RecordingHeader): RecordingStream {
    const stream: RecordingStream = new RecordingStream(this.settings, header.room, header.roomId, header.startedAtMs, (err) => {
      if (stream === this.stream) this.stop(err, "could not write the room's recording; it stops");
    });
    return stream;
  }

  /** The last tick a file that starts at `startTick` may hold (RECORD_MAX_MINUTES). */
  private capTick(startTick: number): number {
    return startTick + Math.round(this.settings.maxMinutes * 60 * Number(this.header.config.tickHz));
  }

  /** False once stopped (ended, a cap reached, or a write failed). */
  get active(): boolean {
    return !this.stopped;
  }

  /** addPlayer: who sat down, between ticks. */
  seat(playerId: string, identityId: string, name: string, joinOptions: unknown, bot: boolean): void {
    if (this.stopped) return;
    const seat = this.nextSeat++;
    this.seats.set(playerId, { seat, name, bot, keys: null, kinds: [], lastSeq: 0, part: 0 });
    let options: unknown = joinOptions ?? null;
    try {
      if (JSON.stringify(options ?? null).length > MAX_JOIN_OPTIONS_CHARS) options = null;
    } catch {
      options = null;
    }
    this.encoder.markTick(this.lastTick);
    this.encoder.json([RecLine.Seat, seat, playerId, identityId, name, options, bot ? 1 : 0]);
  }

  /** removePlayer, between ticks. */
  unseat(playerId: string): void {
    const state = this.seats.get(playerId);
    if (this.stopped || state === undefined) return;
    this.seats.delete(playerId);
    this.encoder.markTick(this.lastTick);
    this.encoder.json([RecLine.Unseat, state.seat]);
  }

  /** An "arrival" game message whose handler runs now, between ticks. */
  arrival(playerId: string, type: string, value: unknown): void {
    const state = this.seats.get(playerId);
    if (this.stopped || state === undefined) return;
    this.encoder.markTick(this.lastTick);
    this.encoder.json([RecLine.Arrival, state.seat, type, value]);
  }

  /** A "tick" game message applied in the tick being computed. */
  tickMessage(playerId: string, type: string, value: unknown): void {
    const state = this.seats.get(playerId);
    if (this.stopped || state === undefined) return;
    this.encoder.message(state.seat, type, value);
  }

  /** An input applied in the tick being computed (a person's or a bot's). */
  input(playerId: string, input: object): void {
    const state = this.seats.get(playerId);
    if (this.stopped || state === undefined) return;
    const keys = state.keys;
    if (keys === null || !this.encodeInput(state, keys, input)) {
      // This seat's inputs now have other keys (its first input, or an optional field came or went).
      // Its entries already in this tick used the old list: they go out first as a part line.
      if (state.part === this.part) this.flushEntriesAsTickPart();
      const newKeys: string[] = (state.keys = []);
      for (const key in input) newKeys.push(key);
      state.kinds = newKeys.map(fieldKind);
      this.encoder.json([RecLine.Keys, state.seat, newKeys]);
      if (!this.encodeInput(state, newKeys, input)) return; // only an object whose keys change as they are read
    }
    state.part = this.part;
  }

  /**
   * Write `input` as an entry under the seat's key list `keys`, checking its keys against the
   * list in the same for-in pass (a separate check, or reading the values into an array first,
   * cost as much as the encoding: a double stored in an array is boxed). When a key differs the
   * entry is taken back (and the seat's seq restored) and false returned: nothing was written.
   * Numbers go to the encoder's `num` (no type dispatch there, no boxing).
   */
  private encodeInput(state: SeatState, keys: string[], input: object): boolean {
    const encoder = this.encoder;
    const kinds = state.kinds;
    const tick = this.lastTick + 1;
    const lastSeq = state.lastSeq;
    encoder.input(state.seat);
    let n = 0;
    for (const key in input) {
      if (key !== keys[n]) {
        n = -1;
        break;
      }
      const value = (input as Record<string, unknown>)[key];
      if (typeof value !== "number") encoder.value(value);
      else {
        const kind = kinds[n];
        if (kind === PLAIN) encoder.num(value);
        else if (kind === SEQ) {
          encoder.num(value - state.lastSeq);
          state.lastSeq = value;
        } else encoder.num(tick - value);
      }
      n++;
    }
    if (n === keys.length) return true;
    encoder.abortInput();
    state.lastSeq = lastSeq;
    return false;
  }

  /**
   * The tick `tick` is computed: write its line (when something was applied or a checksum is
   * due; `checksum` is only called then).
   */
  endTick(tick: number, checksum: () => number): void {
    if (this.stopped) return;
    const every = this.settings.keyframeEveryTicks;
    const keyframe = this.captureKeyframe !== null && every > 0 && tick % every === 0;
    const sum = keyframe || tick % this.settings.checksumEveryTicks === 0 ? checksum() : null;
    this.encoder.endTick(tick, sum);
    this.part++;
    this.lastTick = tick;
    if (keyframe) this.writeKeyframe(tick, sum!);
    if (tick >= this.maxTick || this.stream.bytesWritten >= this.settings.maxFileBytes) {
      if (this.captureKeyframe) this.rollOver(tick, sum ?? checksum());
      else void this.finish("limit");
      return;
    }
    if (++this.ticksSinceFlush >= FLUSH_EVERY_TICKS) this.flush();
  }

  /**
   * The keyframe of tick `tick`, right after its tick record (which holds its checksum, so the
   * record exists and events after it are placed after the keyframe). Every seat's key list is
   * forgotten: its next input comes with a "k" line, which restarts the values that input is
   * coded against, so decoding can begin at the keyframe. A keyframe that cannot be captured is
   * logged and skipped (the recording goes on without it).
   */
  private writeKeyframe(tick: number, checksum: number): void {
    const startMs = performance.now();
    try {
      const frame = this.captureKeyframe!();
      const seats: KeyframeData["seats"] = [];
      for (const [playerId, s] of this.seats) seats.push([s.seat, playerId, s.lastSeq, s.name, s.bot ? 1 : 0]);
      const { stateBytes, ...rest } = frame;
      this.encoder.keyframe(tick, checksum, stateBytes, { seats, ...rest });
      for (const s of this.seats.values()) s.keys = null;
      this.keyframes++;
    } catch (err) {
      this.log.warn({ err, tick }, "could not write a keyframe; the recording goes on without it");
    }
    this.lastKeyframeUs = (performance.now() - startMs) * 1000;
  }

  /**
   * The file reached a cap at tick `tick` (its line written): end it ("limit"), and go on in a
   * new file whose header starts at `tick` and whose first line is a keyframe there. The old
   * file is finished (renamed, pruned) in the background.
   */
  private rollOver(tick: number, checksum: number): void {
    this.encoder.json([RecLine.End, tick, "limit"]);
    this.flush();
    if (this.stopped) return;
    const old = this.stream;
    void old.finish(this.settings, this.log);
    const header: RecordingHeader = { ...this.header, startedAtMs: Date.now(), startTick: tick, startChecksum: checksum, part: this.files++ };
    try {
      this.stream = this.openStream(header);
    } catch (err) {
      this.stopped = true;
      this.log.error({ err }, "could not open the room's next recording file; recording stops");
      return;
    }
    this.encoder = new RecordingEncoder(header);
    this.maxTick = this.capTick(tick);
    this.ticksSinceFlush = 0;
    this.writeKeyframe(tick, checksum);
    this.log.info({ tick, path: this.stream.where, part: header.part }, "recording rolled over to a new file");
  }

  /**
   * A seat's key list changed after it had an entry in this tick (rare: two inputs of one player
   * in one tick, an optional field in one only): the entries so far go out now as a tick line of
   * their own with the same tick; a replay applies every part of a tick before stepping it.
   */
  private flushEntriesAsTickPart(): void {
    if (!this.encoder.hasEntries) return;
    this.encoder.endTick(this.lastTick + 1, null);
    this.part++;
  }

  private flush(): void {
    this.ticksSinceFlush = 0;
    if (this.encoder.pendingBytes === 0 || this.stopped) return;
    const pendingBytes = this.stream.pendingBytes;
    if (pendingBytes > MAX_PENDING_BYTES) {
      this.stop(new Error(`${pendingBytes} bytes waiting for the disk`), "the recording cannot keep up with the disk; it stops");
      return;
    }
    this.stream.write(this.encoder.take());
  }

  private stop(err: unknown, message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.log.error({ err, path: this.stream.where }, message);
    this.stream.destroy();
  }

  /**
   * End the recording ("dispose" or "limit"): the last lines and the end line are written, the
   * file is renamed to `.rec`, old ones are pruned. Resolves with the file's path (null when
   * recording had failed). Safe to call twice.
   */
  finish(reason: "dispose" | "limit"): Promise<string | null> {
    if (this.finished) return this.finished;
    if (this.stopped) return (this.finished = Promise.resolve(null));
    this.flushEntriesAsTickPart();
    this.encoder.json([RecLine.End, this.lastTick, reason]);
    this.flush();
    this.stopped = true;
    this.finished = this.stream.finish(this.settings, this.log);
    return this.finished;
  }
}
