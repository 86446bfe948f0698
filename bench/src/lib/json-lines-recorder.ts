import fs from "node:fs";
import path from "node:path";
import { createGzip, type Gzip } from "node:zlib";
import { RecLine, type RecordingHeader } from "@arena/shared";
import { pruneRecordings, type Logger, type RecordingSettings } from "@arena/server/framework";

/** Lines are handed to the compressor in batches of this many ticks (one write per batch). */
const FLUSH_EVERY_TICKS = 60;
/** Join options longer than this (as JSON) are recorded as null: no room type reads big ones. */
const MAX_JOIN_OPTIONS_CHARS = 1024;
/** Bytes waiting in the compressor and file stream beyond which the recording gives up (a stuck disk). */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;

/**
 * The framework's input fields, stored small (see RecLine.Tick): `seq` as the difference from the
 * seat's previous seq, `viewTick` and `viewFloorTick` as ticks before the tick applying them.
 */
function encodeField(key: string, value: unknown, tick: number, lastSeq: number): unknown {
  if (typeof value !== "number") return value;
  if (key === "seq") return value - lastSeq;
  if (key === "viewTick" || key === "viewFloorTick") return tick - value;
  return value;
}

/** Whether `input` has exactly `keys`, in that order. */
function sameKeys(keys: readonly string[], input: object): boolean {
  let n = 0;
  for (const k in input) {
    if (k !== keys[n]) return false;
    n++;
  }
  return n === keys.length;
}

/** `2025-01-31T12-00-00-000Z`: sorts by time, safe in file names. */
function fileTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[:.]/g, "-");
}

/**
 * FROZEN COPY of the format-1 recorder (server/src/framework/recording/room-recorder.ts before
 * the binary format), kept only so bench 3d can measure the old and the new writer in one run.
 * Its files are not readable by this build's replay (format 1). Do not use it elsewhere.
 *
 * What one room applied, tick by tick, streamed to `<dir>/<room>/<time>-<roomId>.rec.part` as
 * gzip'd JSON lines (format: shared/src/protocol/recording.ts) and renamed to `.rec` when it
 * ends. Memory stays bounded: lines are handed to the compressor every FLUSH_EVERY_TICKS. Never
 * throws into the room: a failure logs once and stops recording. After it ends (dispose, or the
 * time or size cap), old files are pruned to the keep limits.
 */
export class JsonLinesRecorder {
  private readonly gzip: Gzip;
  private readonly file: fs.WriteStream;
  private readonly partPath: string;
  readonly path: string;
  private lines: string[] = [];
  private entries: unknown[] = [];
  private readonly seats = new Map<string, number>();
  private nextSeat = 0;
  /** Each seat's input keys, in the order of its last "k" line. */
  private readonly seatKeys = new Map<number, string[]>();
  /** Each seat's last input seq (inputs store the difference). */
  private readonly lastSeq = new Map<number, number>();
  /** Seats with an entry in `entries`. */
  private readonly seatsInTick = new Set<number>();
  private ticksSinceFlush = 0;
  private lastTick: number;
  private readonly maxTick: number;
  private stopped = false;
  private finished: Promise<string | null> | null = null;

  constructor(
    private readonly settings: RecordingSettings,
    header: RecordingHeader,
    private readonly log: Logger,
  ) {
    const dir = path.join(settings.dir, header.room);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.path = path.join(dir, `${fileTime(header.startedAtMs)}-${header.roomId}.rec`);
    this.partPath = `${this.path}.part`;
    this.gzip = createGzip();
    this.file = fs.createWriteStream(this.partPath, { mode: 0o600 });
    this.gzip.pipe(this.file);
    const fail = (err: unknown): void => this.stop(err, "could not write the room's recording; it stops");
    this.gzip.on("error", fail);
    this.file.on("error", fail);
    this.lastTick = header.startTick;
    this.maxTick = header.startTick + Math.round(settings.maxMinutes * 60 * Number(header.config.tickHz));
    this.lines.push(JSON.stringify(header));
  }

  /** False once stopped (ended, a cap reached, or a write failed). */
  get active(): boolean {
    return !this.stopped;
  }

  /** addPlayer: who sat down, between ticks. */
  seat(playerId: string, identityId: string, name: string, joinOptions: unknown, bot: boolean): void {
    if (this.stopped) return;
    const seat = this.nextSeat++;
    this.seats.set(playerId, seat);
    let options: unknown = joinOptions ?? null;
    try {
      if (JSON.stringify(options ?? null).length > MAX_JOIN_OPTIONS_CHARS) options = null;
    } catch {
      options = null;
    }
    this.lines.push(JSON.stringify([RecLine.Seat, seat, playerId, identityId, name, options, bot ? 1 : 0]));
  }

  /** removePlayer, between ticks. */
  unseat(playerId: string): void {
    const seat = this.seats.get(playerId);
    if (this.stopped || seat === undefined) return;
    this.seats.delete(playerId);
    this.seatKeys.delete(seat);
    this.lines.push(JSON.stringify([RecLine.Unseat, seat]));
  }

  /** An "arrival" game message whose handler runs now, between ticks. */
  arrival(playerId: string, type: string, value: unknown): void {
    const seat = this.seats.get(playerId);
    if (this.stopped || seat === undefined) return;
    this.lines.push(JSON.stringify([RecLine.Arrival, seat, type, value]));
  }

  /** A "tick" game message applied in the tick being computed. */
  tickMessage(playerId: string, type: string, value: unknown): void {
    const seat = this.seats.get(playerId);
    if (this.stopped || seat === undefined) return;
    this.entries.push([-1 - seat, type, value]);
  }

  /** An input applied in the tick being computed (a person's or a bot's). */
  input(playerId: string, input: object): void {
    const seat = this.seats.get(playerId);
    if (this.stopped || seat === undefined) return;
    let keys = this.seatKeys.get(seat);
    if (!keys || !sameKeys(keys, input)) {
      // This seat's inputs now have other keys (its first input, or an optional field came or went).
      // Its entries already in this tick used the old list: they go out first as a part line.
      if (this.seatsInTick.has(seat)) this.flushEntriesAsTickPart();
      keys = Object.keys(input);
      this.seatKeys.set(seat, keys);
      this.lines.push(JSON.stringify([RecLine.Keys, seat, keys]));
    }
    const entry: unknown[] = [seat];
    const tick = this.lastTick + 1;
    for (const k of keys) entry.push(encodeField(k, (input as Record<string, unknown>)[k], tick, this.lastSeq.get(seat) ?? 0));
    const seq = (input as { seq?: unknown }).seq;
    if (typeof seq === "number") this.lastSeq.set(seat, seq);
    this.entries.push(entry);
    this.seatsInTick.add(seat);
  }

  /**
   * The tick `tick` is computed: write its line (when something was applied or a checksum is
   * due; `checksum` is only called then).
   */
  endTick(tick: number, checksum: () => number): void {
    if (this.stopped) return;
    const due = tick % this.settings.checksumEveryTicks === 0;
    if (due || this.entries.length > 0) {
      this.lines.push(JSON.stringify([RecLine.Tick, tick, due ? checksum() : null, ...this.entries]));
      this.entries.length = 0;
      this.seatsInTick.clear();
    }
    this.lastTick = tick;
    if (++this.ticksSinceFlush >= FLUSH_EVERY_TICKS) this.flush();
    if (tick >= this.maxTick || this.file.bytesWritten >= this.settings.maxFileBytes) void this.finish("limit");
  }

  /**
   * A seat's key list changed after it had an entry in this tick (rare: two inputs of one player
   * in one tick, an optional field in one only): the entries so far go out now as a tick line of
   * their own with the same tick; a replay applies every part of a tick before stepping it.
   */
  private flushEntriesAsTickPart(): void {
    if (this.entries.length === 0) return;
    this.lines.push(JSON.stringify([RecLine.Tick, this.lastTick + 1, null, ...this.entries]));
    this.entries.length = 0;
    this.seatsInTick.clear();
  }

  private flush(): void {
    this.ticksSinceFlush = 0;
    if (this.lines.length === 0 || this.stopped) return;
    const pendingBytes = this.gzip.writableLength + this.file.writableLength;
    if (pendingBytes > MAX_PENDING_BYTES) {
      this.stop(new Error(`${pendingBytes} bytes waiting for the disk`), "the recording cannot keep up with the disk; it stops");
      return;
    }
    this.gzip.write(this.lines.join("\n") + "\n");
    this.lines = [];
  }

  private stop(err: unknown, message: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.log.error({ err, path: this.partPath }, message);
    this.lines = [];
    this.gzip.destroy();
    this.file.destroy();
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
    this.lines.push(JSON.stringify([RecLine.End, this.lastTick, reason]));
    this.flush();
    this.stopped = true;
    this.finished = new Promise<string | null>((resolve) => {
      this.file.once("close", () => {
        if (this.file.errored || this.gzip.errored) return resolve(null);
        fs.promises.rename(this.partPath, this.path)
          .then(() => pruneRecordings(this.settings.dir, this.settings.keepFiles, this.settings.keepBytes))
          .then(() => resolve(this.path), (err: unknown) => {
            this.log.error({ err, path: this.path }, "could not finish or prune recordings");
            resolve(null);
          });
      });
      this.gzip.end();
    });
    return this.finished;
  }
}
