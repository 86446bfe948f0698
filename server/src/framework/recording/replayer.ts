import { RecLine, type KeyframeData } from "@arena/shared";
import type { TickInput } from "../tick-room.js";
import type { HeadlessRoom } from "./headless-room.js";
import { RecordingError, type Divergence, type Recording } from "./replay.js";

/** The inverse of the recorder's encodeField: seq from its difference, view ticks from ticks back. */
function decodeField(key: string, value: unknown, tick: number, lastSeq: number): unknown {
  if (typeof value !== "number") return value ?? undefined;
  if (key === "seq") return lastSeq + value;
  if (key === "viewTick" || key === "viewFloorTick") return tick - value;
  return value;
}

/**
 * A recording replayed a few ticks at a time: every recorded seat, unseat, message and input
 * handed to a room's hooks (a HeadlessRoom driver) in the recorded order, and after each tick
 * that has a recorded checksum, the state's checksum compared with it. `advance(n)` steps at
 * most n ticks and stops before beginning the next; events between ticks are applied before
 * the tick after them. Used whole by replayRecording (headless) and tick by tick by a replay
 * room (replay-session.ts), so both replay exactly the same way.
 */
export class Replayer {
  /** The last tick computed. */
  tick: number;
  /** Ticks stepped so far. */
  ticks = 0;
  /** Checksums compared (the start's included). */
  checksums = 0;
  /** The first tick whose checksum differed, or null. */
  divergence: Divergence | null = null;
  /** The last tick whose checksum matched (the start tick when none did). */
  lastMatchTick: number;
  /** True once every line is applied, or the replay stopped at a divergence. */
  done = false;
  /** The last tick the recording holds (its end line's, else its last tick line's). */
  readonly endTick: number;
  /** The tick of the keyframe this replay was last restored from (jumpTo), or null: it runs from the start. */
  fromKeyframeTick: number | null = null;
  private line = 0;
  private readonly players = new Map<number, string>();
  private readonly lastSeq = new Map<number, number>();
  /** Each seat's input keys (its last "k" line). */
  private readonly keysOf = new Map<number, string[]>();
  /** The tick begun and not yet stepped (its lines may come in parts), or null. */
  private open: number | null = null;
  private openChecksum: number | null = null;

  constructor(private readonly recording: Recording, private readonly driver: HeadlessRoom<TickInput>, private readonly stopAtDivergence = true) {
    const { header, lines } = recording;
    this.tick = header.startTick;
    this.lastMatchTick = header.startTick;
    let end = header.startTick;
    for (let i = lines.length - 1; i >= 0; i--) {
      const code = lines[i]![0];
      if (code === RecLine.End || code === RecLine.Tick) {
        end = lines[i]![1] as number;
        break;
      }
    }
    this.endTick = end;
    // A rolled-over file begins with a keyframe at its start: the replay is restored from it (at
    // the first advance, after the room's own setup), not compared with a fresh room's state.
    const first = lines[0];
    this.startsAtKeyframe = first?.[0] === RecLine.Keyframe && first[1] === header.startTick;
    if (!this.startsAtKeyframe) this.compare(header.startTick, header.startChecksum);
  }

  /** The file's first line is a keyframe at its start tick (a rolled-over file). */
  readonly startsAtKeyframe: boolean;

  /**
   * Restore the room at the keyframe on line `line` (an entry of Recording.keyframes) and go on
   * from there, as if every line before it had been replayed: its seats, their last seqs, the
   * room's state, history and server-only state. The restored state's checksum is compared with
   * the keyframe's (a state that does not survive the round trip shows here, at once).
   */
  jumpTo(line: number): void {
    const kf = this.recording.lines[line];
    if (kf?.[0] !== RecLine.Keyframe) throw new RecordingError(`line ${line} is not a keyframe`);
    const [, tick, checksum, stateBytes, data] = kf as [string, number, number, Uint8Array, KeyframeData];
    this.driver.restore(stateBytes, data);
    this.players.clear();
    this.lastSeq.clear();
    this.keysOf.clear();
    for (const [seat, playerId, seq] of data.seats) {
      this.players.set(seat, playerId);
      this.lastSeq.set(seat, seq);
    }
    this.open = null;
    this.openChecksum = null;
    this.tick = tick;
    this.line = line + 1;
    this.fromKeyframeTick = tick;
    this.done = false;
    this.compare(tick, checksum);
  }

  /** Step at most `maxTicks` ticks (fewer at the end or at a divergence); returns how many were stepped. */
  advance(maxTicks: number): number {
    if (this.startsAtKeyframe && this.line === 0) this.jumpTo(0);
    const before = this.ticks;
    const target = this.tick + Math.max(0, Math.floor(maxTicks));
    const lines = this.recording.lines;
    while (!this.done) {
      if (this.line >= lines.length) {
        this.closeOpen();
        this.done = true;
        break;
      }
      const line = lines[this.line]!;
      const code = line[0];
      if (code === RecLine.Tick) {
        const lineTick = line[1] as number;
        if (this.open !== lineTick) {
          if (!this.closeOpen()) break;
          if (lineTick <= this.tick) throw new RecordingError(`tick ${lineTick} after tick ${this.tick}`);
          this.stepEmptyUntil(Math.min(lineTick - 1, target));
          if (this.tick >= target) break;
          this.driver.beginTick();
          this.open = lineTick;
        }
        this.applyTickLine(line, lineTick);
        this.line++;
        continue;
      }
      if (code === RecLine.Keys) {
        this.keysOf.set(line[1] as number, line[2] as string[]);
        this.line++;
        continue;
      }
      if (code === RecLine.Keyframe) {
        // Right after its tick's line: the state then must have the keyframe's checksum.
        if (!this.closeOpen()) break;
        this.line++;
        if (this.tick === line[1] && !this.compare(this.tick, line[2] as number)) break;
        continue;
      }
      if (!this.closeOpen()) break;
      if (code === RecLine.End) {
        this.stepEmptyUntil(Math.min(line[1] as number, target));
        if (this.tick < (line[1] as number)) break;
      } else {
        this.applyBetweenTicks(line);
      }
      this.line++;
    }
    return this.ticks - before;
  }

  private applyTickLine(line: unknown[], tick: number): void {
    if (line[2] !== null) this.openChecksum = line[2] as number;
    for (let i = 3; i < line.length; i++) {
      const entry = line[i] as unknown[];
      const seat = entry[0] as number;
      if (seat < 0) {
        this.driver.tickMessage(this.playerOf(-1 - seat), entry[1] as string, entry[2]);
        continue;
      }
      const keys = this.keysOf.get(seat);
      if (!keys) throw new RecordingError(`an input of seat ${seat} before its key list`);
      const input: Record<string, unknown> = {};
      for (let k = 0; k < keys.length; k++) input[keys[k]!] = decodeField(keys[k]!, entry[k + 1], tick, this.lastSeq.get(seat) ?? 0);
      if (typeof input.seq === "number") this.lastSeq.set(seat, input.seq);
      this.driver.input(this.playerOf(seat), input as unknown as TickInput);
    }
  }

  private applyBetweenTicks(line: unknown[]): void {
    switch (line[0]) {
      case RecLine.Seat: {
        const [, seat, playerId, identityId, name, joinOptions, bot] = line as [string, number, string, string, string, unknown, number];
        this.players.set(seat, playerId);
        this.driver.seat(playerId, { id: identityId, name }, joinOptions, bot === 1);
        break;
      }
      case RecLine.Unseat:
        this.driver.unseat(this.playerOf(line[1] as number));
        this.players.delete(line[1] as number);
        break;
      case RecLine.Arrival:
        this.driver.arrival(this.playerOf(line[1] as number), line[2] as string, line[3]);
        break;
      default:
        throw new RecordingError(`unknown line code ${JSON.stringify(line[0])}`);
    }
  }

  private playerOf(seat: number): string {
    const id = this.players.get(seat);
    if (id === undefined) throw new RecordingError(`seat ${seat} is not seated`);
    return id;
  }

  /** Compare the state's checksum with a recorded one; false when the replay must stop here. */
  private compare(tick: number, expected: number): boolean {
    this.checksums++;
    const actual = this.driver.checksum();
    if (actual === expected) {
      this.lastMatchTick = tick;
      return true;
    }
    this.divergence ??= { tick, expected, actual, lastMatchTick: this.lastMatchTick };
    if (this.stopAtDivergence) this.done = true;
    return !this.stopAtDivergence;
  }

  /** Step the open tick, if any; false when its checksum diverged and the replay stops. */
  private closeOpen(): boolean {
    if (this.open === null) return !this.done;
    this.driver.endTick();
    this.tick = this.open;
    this.open = null;
    this.ticks++;
    const expected = this.openChecksum;
    this.openChecksum = null;
    return expected === null || this.compare(this.tick, expected);
  }

  private stepEmptyUntil(target: number): void {
    while (this.tick < target) {
      this.driver.beginTick();
      this.driver.endTick();
      this.tick++;
      this.ticks++;
    }
  }
}
