import { RECORDING_FORMAT, RecLine, type KeyframeData, type RecordingHeader } from "./recording.js";

/**
 * The binary body of a recording (format version 2, see docs/protocol.md "Recordings"): what
 * the recorder writes into one reused buffer per room and what `decodeRecording` turns back
 * into the same line arrays as the JSON-lines format of version 1 (`RecLine`), so a replay reads
 * either shape the same way.
 *
 * Why binary: version 1 ran `JSON.stringify` over every tick's line, and bots' inputs are
 * full-precision doubles, so the text was long, slow to write and barely compressible. Here an
 * input costs a varint head, a bit mask, and only the values that differ from that seat's
 * previous input (float64 for doubles: exact; small integers as varints).
 *
 * Layout: the header as one JSON line ending in "\n", then records, each a tag byte:
 * - `REC_JSON` varint byteLength, UTF-8 JSON of a line array (seat, unseat, keys, arrival, end:
 *   rare lines, kept readable).
 * - `REC_TICK` varint (tick − the tick of the previous tick record, or the header's startTick),
 *   a flags byte (bit 0: a uint32 LE checksum follows), varint entry count, then the entries:
 *   varint head `seat * 2` for an input, `seat * 2 + 1` for a "tick" game message. An input is
 *   ceil(keys / 4) code bytes, 2 bits per value, low bits first (0: the same as that seat's
 *   previous input's value, reset by every "k" line; 1: float64 LE follows; 2: a zigzag varint
 *   integer (int32) follows; 3: a tagged value follows), then those values in key order; a
 *   message is varint byteLength + UTF-8 JSON `[type, value]`.
 * A tagged value is a tag byte: null/undefined, false, true, (zigzag varint int32), (float64
 * LE), float32 LE (a non-integer double that float32 holds exactly, or NaN), string (varint
 * length + UTF-8), JSON.
 */
export const REC_JSON = 1;
export const REC_TICK = 2;
/**
 * Format 3: `REC_KEYFRAME` varint tick, uint32 LE checksum, varint byteLength + the state's full
 * schema encode, the lag-compensation history (below), varint byteLength + UTF-8 JSON of the rest
 * of KeyframeData. Decodes to `["f", tick, checksum, Uint8Array, KeyframeData]`.
 *
 * The history in binary (as JSON it was 90% of a keyframe and most of its time: 61 ticks of 16
 * players, each entry repeating its id): varint id count, the ids (varint length + UTF-8); varint
 * kind count, the kinds; varint row count; per row varint (keyframe tick − row tick), varint
 * entry count, per entry varint id index, varint kind index + 1 (0: none), x and y as tagged
 * numbers (V_INT, V_F32 or V_F64: exact).
 */
export const REC_KEYFRAME = 3;

const V_NULL = 0;
const V_FALSE = 1;
const V_TRUE = 2;
const V_INT = 3;
const V_F64 = 4;
const V_F32 = 5;
const V_STRING = 6;
const V_JSON = 7;
/**
 * V_XOR + k (k = 0..5): a double given as its 64 bits XOR the seat's previous value at that key
 * (also a number), whose top 2 + k bytes are zero and left out: the 6 − k low bytes follow, LE.
 * A bot's aim and axes change a little each tick, so the sign, exponent and first mantissa bits
 * mostly repeat: 1-3 bytes saved on most of its doubles, no compressor needed.
 */
const V_XOR = 8;
const V_XOR_LAST = V_XOR + 5;

/** Scratch for XOR'ing doubles bytewise (index 7 is the most significant byte: little-endian). */
const xorNow = new Float64Array(1);
const xorNowBytes = new Uint8Array(xorNow.buffer);
const xorPrev = new Float64Array(1);
const xorPrevBytes = new Uint8Array(xorPrev.buffer);
const xorNowWords = new Uint32Array(xorNow.buffer);
const xorPrevWords = new Uint32Array(xorPrev.buffer);
/** True when the platform stores doubles little-endian (every one this runs on; else no XOR form is written). */
const LITTLE_ENDIAN = ((): boolean => {
  xorNow[0] = 1;
  return xorNowBytes[7] === 0x3f;
})();

/** An input value's 2-bit code in its entry's code bytes (4 values a byte, low bits first); 0: the same as before. */
const C_F64 = 1;
const C_INT = 2;
const C_TAGGED = 3;

// Both in Node and browsers; shared/ is compiled without DOM or Node types, so declared here.
declare class TextEncoder {
  encode(s: string): Uint8Array;
  encodeInto(s: string, into: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  decode(bytes: Uint8Array): string;
}
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/** A growable byte buffer, reused: `reset` keeps its memory. */
class ByteWriter {
  bytes = new Uint8Array(4096);
  view = new DataView(this.bytes.buffer);
  length = 0;

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }

  u8(v: number): void {
    this.ensure(1);
    this.bytes[this.length++] = v;
  }

  /** An unsigned whole number (up to 2^53) in 7-bit groups, low first. */
  varint(v: number): void {
    this.ensure(8);
    while (v >= 0x80) {
      this.bytes[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.length++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  /**
   * An input's number, exact (-0 and NaN included) in as few bytes as that allows: returns its
   * 2-bit code (C_INT, C_F64, or C_TAGGED for a float32 after its V_F32 tag).
   */
  number(v: number): number {
    this.ensure(9);
    if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
      this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
      return C_INT;
    }
    if (Math.fround(v) === v || v !== v) {
      this.bytes[this.length++] = V_F32;
      this.view.setFloat32(this.length, v, true);
      this.length += 4;
      return C_TAGGED;
    }
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
    return C_F64;
  }

  /**
   * A double that differs from `prev`: as V_XOR + k with the XOR's low bytes when its top 2 + k
   * bytes are zero (k up to 5), else as number() writes it. Returns its 2-bit code.
   */
  xorDouble(v: number, prev: number): number {
    xorNow[0] = v;
    xorPrev[0] = prev;
    // The XOR as two 32-bit words (little-endian: [0] low, [1] high); its leading zero bytes.
    const lo = (xorNowWords[0]! ^ xorPrevWords[0]!) >>> 0;
    const hi = (xorNowWords[1]! ^ xorPrevWords[1]!) >>> 0;
    const zeros = hi !== 0 ? Math.clz32(hi) >>> 3 : 4 + (Math.clz32(lo) >>> 3);
    if (zeros < 2 || zeros > 7 || Math.fround(v) === v) return this.number(v);
    this.ensure(8);
    const b = this.bytes;
    let at = this.length;
    b[at++] = V_XOR + (zeros - 2);
    // The 6 − (zeros − 2) low bytes of the XOR, low first.
    const count = 8 - zeros;
    for (let k = 0; k < count && k < 4; k++) b[at++] = (lo >>> (8 * k)) & 0xff;
    for (let k = 4; k < count; k++) b[at++] = (hi >>> (8 * (k - 4))) & 0xff;
    this.length = at;
    return C_TAGGED;
  }

  /** varint byteLength + UTF-8. */
  text(s: string): void {
    this.ensure(s.length * 3 + 8);
    const start = this.length + (s.length * 3 < 0x80 ? 1 : s.length * 3 < 0x4000 ? 2 : 3);
    const written = utf8Encoder.encodeInto(s, this.bytes.subarray(start)).written;
    const headerBytes = start - this.length;
    // The length's varint was sized for the worst case: write it in that many bytes (padded).
    let v = written;
    for (let i = 0; i < headerBytes; i++) {
      const last = i === headerBytes - 1;
      this.bytes[this.length + i] = last ? v % 0x80 : (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.length = start + written;
  }

  /** A number with its tag (V_INT, V_F32 or V_F64), exact (-0 and NaN included). */
  taggedNumber(v: number): void {
    this.ensure(9);
    if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
      this.bytes[this.length++] = V_INT;
      this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
    } else if (Math.fround(v) === v || v !== v) {
      this.bytes[this.length++] = V_F32;
      this.view.setFloat32(this.length, v, true);
      this.length += 4;
    } else {
      this.bytes[this.length++] = V_F64;
      this.view.setFloat64(this.length, v, true);
      this.length += 8;
    }
  }

  /** varint byteLength + the bytes. */
  bytesWithLength(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.bytes.set(b, this.length);
    this.length += b.length;
  }

  append(other: ByteWriter): void {
    this.ensure(other.length);
    this.bytes.set(other.bytes.subarray(0, other.length), this.length);
    this.length += other.length;
  }
}

/** A tagged value other than a number (value() writes numbers itself; a number here would go as JSON). */
function writeValue(w: ByteWriter, v: unknown): void {
  switch (typeof v) {
    case "boolean":
      w.u8(v ? V_TRUE : V_FALSE);
      return;
    case "string":
      w.u8(V_STRING);
      w.text(v);
      return;
    case "undefined":
      w.u8(V_NULL);
      return;
    default:
      if (v === null) {
        w.u8(V_NULL);
        return;
      }
      w.u8(V_JSON);
      w.text(JSON.stringify(v) ?? "null");
  }
}

/** KeyframeData.history in binary (see REC_KEYFRAME). */
function writeHistory(o: ByteWriter, tick: number, history: KeyframeData["history"]): void {
  const ids = new Map<string, number>();
  const kinds = new Map<string, number>();
  for (const [, entries] of history) {
    for (const [id, , , kind] of entries) {
      if (!ids.has(id)) ids.set(id, ids.size);
      if (kind !== null && !kinds.has(kind)) kinds.set(kind, kinds.size);
    }
  }
  o.varint(ids.size);
  for (const id of ids.keys()) o.text(id);
  o.varint(kinds.size);
  for (const kind of kinds.keys()) o.text(kind);
  o.varint(history.length);
  for (const [rowTick, entries] of history) {
    o.varint(tick - rowTick);
    o.varint(entries.length);
    for (const [id, x, y, kind] of entries) {
      o.varint(ids.get(id)!);
      o.varint(kind === null ? 0 : kinds.get(kind)! + 1);
      o.taggedNumber(x);
      o.taggedNumber(y);
    }
  }
}

/** What a seat's previous value at one key index was, for eliding an equal next one (0: none yet). */
const P_NUMBER = 1;
const P_FALSE = 2;
const P_TRUE = 3;
const P_NULL = 4;
const P_STRING = 5;
/** An object: always written. */
const P_OTHER = 6;

/**
 * A seat's previous input values, by key index, in typed arrays: a double kept in a plain array
 * would be boxed (an allocation per value), here it is not.
 */
class PrevValues {
  readonly kind: Uint8Array;
  readonly num: Float64Array;
  readonly str: (string | undefined)[];

  constructor(readonly length: number) {
    this.kind = new Uint8Array(length);
    this.num = new Float64Array(length);
    this.str = new Array<string | undefined>(length).fill(undefined);
  }
}

/**
 * Writes a recording's body (the header line first). Per room, one instance; its buffers are
 * reused, so a tick allocates nothing beyond what a value's JSON needs. Use: `json` for the rare
 * lines, per tick `input` + `value` per key (after that seat's `json(["k", ...])`) or `message`,
 * then `endTick`; `take` hands out the bytes so far (a copy) for compression.
 */
export class RecordingEncoder {
  private readonly out = new ByteWriter();
  private readonly entries = new ByteWriter();
  private entryCount = 0;
  private lastTick: number;
  /** Each seat's previous input values, by key index (reset by its "k" line). */
  private readonly prev: (PrevValues | undefined)[] = [];
  private current = new PrevValues(0);
  private maskAt = 0;
  /** Where the input entry started last begins in `entries` (for abortInput). */
  private inputAt = 0;
  private index = 0;

  constructor(header: RecordingHeader) {
    this.lastTick = header.startTick;
    const line = utf8Encoder.encode(JSON.stringify(header) + "\n");
    for (const b of line) this.out.u8(b);
  }

  /** Bytes written and not yet taken. */
  get pendingBytes(): number {
    return this.out.length;
  }

  /** Whether the tick being written has entries. */
  get hasEntries(): boolean {
    return this.entryCount > 0;
  }

  /** A seat, unseat, keys, arrival or end line. A "k" line resets that seat's previous values. */
  json(line: unknown[]): void {
    if (line[0] === RecLine.Keys) this.prev[line[1] as number] = new PrevValues((line[2] as string[]).length);
    else if (line[0] === RecLine.Unseat) this.prev[line[1] as number] = undefined;
    this.out.u8(REC_JSON);
    this.out.text(JSON.stringify(line));
  }

  /** Start an input entry of `seat` (its "k" line written); then one `value` per key, in order. */
  input(seat: number): void {
    const prev = this.prev[seat];
    if (!prev) throw new Error(`an input of seat ${seat} before its key list`);
    this.current = prev;
    this.index = 0;
    const e = this.entries;
    this.inputAt = e.length;
    e.varint(seat * 2);
    this.maskAt = e.length;
    for (let i = 0; i < prev.length; i += 4) e.u8(0);
    this.entryCount++;
  }

  /** The next key's value (any type). */
  value(v: unknown): void {
    if (typeof v === "number") this.num(v);
    else this.other(v);
  }

  /**
   * The next key's value, a number: what `value` does for one, without the type dispatch (the
   * recorder's input path has checked typeof already; doubles stay unboxed).
   */
  num(v: number): void {
    const i = this.index++;
    const p = this.current;
    const e = this.entries;
    let code: number;
    if (p.kind[i] === P_NUMBER) {
      const q = p.num[i]!;
      // Object.is(q, v): -0 and 0 differ, NaN equals NaN.
      if (q === v ? v !== 0 || 1 / q === 1 / v : v !== v && q !== q) return;
      code = (v | 0) === v || !LITTLE_ENDIAN ? e.number(v) : e.xorDouble(v, q);
    } else code = e.number(v);
    p.kind[i] = P_NUMBER;
    p.num[i] = v;
    e.bytes[this.maskAt + (i >> 2)]! |= code << ((i & 3) * 2);
  }

  /** The next key's value, not a number. */
  private other(v: unknown): void {
    const i = this.index++;
    const p = this.current;
    const e = this.entries;
    let kind: number;
    if (typeof v === "boolean") kind = v ? P_TRUE : P_FALSE;
    else if (v === undefined || v === null) kind = P_NULL;
    else if (typeof v === "string") {
      if (p.kind[i] === P_STRING && p.str[i] === v) return;
      p.str[i] = v;
      kind = P_STRING;
    } else kind = P_OTHER;
    if (kind !== P_STRING && kind !== P_OTHER && p.kind[i] === kind) return;
    p.kind[i] = kind;
    e.bytes[this.maskAt + (i >> 2)]! |= C_TAGGED << ((i & 3) * 2);
    writeValue(e, v);
  }

  /**
   * Take back the input entry started last (by `input`, before any other entry or `endTick`):
   * the recorder found, halfway through, that the seat's keys changed. The seat's previous
   * values may have been updated by the values written; its next "k" line resets them anyway.
   */
  abortInput(): void {
    this.entries.length = this.inputAt;
    this.entryCount--;
  }

  /** A "tick" game message applied in the tick being written. */
  message(seat: number, type: string, value: unknown): void {
    this.entries.varint(seat * 2 + 1);
    this.entries.text(JSON.stringify([type, value ?? null]));
    this.entryCount++;
  }

  /**
   * Close the tick `tick`'s entries so far into a tick record (when it has entries or a
   * checksum; else nothing is written). Called again with the same tick, it writes a further
   * part of that tick.
   */
  /**
   * Before an event between ticks (a seat, an unseat, an arrival message): when `tick`, the last
   * tick computed, wrote no record (nothing applied, no checksum due), an empty one is written,
   * so a replay knows the event came after that tick and not after the last tick with a record.
   */
  markTick(tick: number): void {
    if (tick > this.lastTick && this.entryCount === 0) this.endTick(tick, null, true);
  }

  /** The tick record of `tick` (none when nothing was applied and no checksum is due, unless `always`). */
  endTick(tick: number, checksum: number | null, always = false): void {
    if (this.entryCount === 0 && checksum === null && !always) return;
    const o = this.out;
    o.u8(REC_TICK);
    o.varint(tick - this.lastTick);
    this.lastTick = tick;
    o.u8(checksum === null ? 0 : 1);
    if (checksum !== null) o.u32(checksum);
    o.varint(this.entryCount);
    o.append(this.entries);
    this.entries.length = 0;
    this.entryCount = 0;
  }

  /**
   * A keyframe record after the tick record of `tick` (the recorder writes one for it first, see
   * markTick). The seats' next inputs must come with fresh "k" lines (the recorder sees to it).
   */
  keyframe(tick: number, checksum: number, stateBytes: Uint8Array, data: KeyframeData): void {
    const o = this.out;
    o.u8(REC_KEYFRAME);
    o.varint(tick);
    o.u32(checksum);
    o.bytesWithLength(stateBytes);
    writeHistory(o, tick, data.history);
    const { history: _history, ...rest } = data;
    o.text(JSON.stringify(rest));
  }

  /** The bytes written since the last take, as a copy (the buffer is reused). */
  take(): Uint8Array {
    const copy = this.out.bytes.slice(0, this.out.length);
    this.out.length = 0;
    return copy;
  }
}

/** Thrown for bytes that are not a version-2 recording body (a cut-off end is not an error). */
export class RecordingFormatError extends Error {
  override name = "RecordingFormatError";
}

/** The end of the bytes in the middle of a record: the file was cut off there. */
class Truncated extends Error {}

class ByteReader {
  private readonly view: DataView;
  pos: number;

  constructor(readonly bytes: Uint8Array, pos: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Truncated();
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++]!;
  }

  varint(): number {
    let v = 0;
    let scale = 1;
    for (;;) {
      const b = this.u8();
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RecordingFormatError(`a varint too long at byte ${this.pos}`);
    }
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  text(): string {
    const n = this.varint();
    this.need(n);
    const s = utf8Decoder.decode(this.bytes.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }

  /** varint byteLength + that many bytes (a copy). */
  bytesWithLength(): Uint8Array {
    const n = this.varint();
    this.need(n);
    const b = this.bytes.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  json(): unknown {
    const at = this.pos;
    const s = this.text();
    try {
      return JSON.parse(s) as unknown;
    } catch {
      throw new RecordingFormatError(`JSON at byte ${at} does not parse`);
    }
  }
}

function unzigzag(z: number): number {
  return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
}

/** A tagged value; `prev`: the seat's previous value at that key (for the XOR forms). */
function readValue(r: ByteReader, prev: unknown): unknown {
  const tag = r.u8();
  if (tag >= V_XOR && tag <= V_XOR_LAST) {
    if (typeof prev !== "number") throw new RecordingFormatError(`a XOR'd double at byte ${r.pos - 1} without a previous number`);
    if (!LITTLE_ENDIAN) throw new RecordingFormatError("XOR'd doubles are read on little-endian platforms only");
    const n = 6 - (tag - V_XOR);
    if (r.pos + n > r.bytes.length) throw new Truncated();
    xorPrev[0] = prev;
    // The XOR's bytes, most significant first in `view` order: build the double from the previous one's.
    for (let k = 0; k < 8; k++) xorNowBytes[k] = k < n ? xorPrevBytes[k]! ^ r.bytes[r.pos + k]! : xorPrevBytes[k]!;
    r.pos += n;
    return xorNow[0];
  }
  switch (tag) {
    case V_NULL: return null;
    case V_FALSE: return false;
    case V_TRUE: return true;
    case V_INT: return unzigzag(r.varint());
    case V_F64: return r.f64();
    case V_F32: return r.f32();
    case V_STRING: return r.text();
    case V_JSON: return r.json();
    default: throw new RecordingFormatError(`unknown value tag ${tag} at byte ${r.pos - 1}`);
  }
}

/** KeyframeData.history from binary (see REC_KEYFRAME). */
function readHistory(r: ByteReader, tick: number): KeyframeData["history"] {
  const ids: string[] = [];
  for (let n = r.varint(); n > 0; n--) ids.push(r.text());
  const kinds: string[] = [];
  for (let n = r.varint(); n > 0; n--) kinds.push(r.text());
  const number = (): number => {
    const at = r.pos;
    const v = readValue(r, undefined);
    if (typeof v !== "number") throw new RecordingFormatError(`a keyframe's history holds a non-number at byte ${at}`);
    return v;
  };
  const rows: KeyframeData["history"] = [];
  for (let n = r.varint(); n > 0; n--) {
    const rowTick = tick - r.varint();
    const entries: KeyframeData["history"][number][1] = [];
    for (let e = r.varint(); e > 0; e--) {
      const id = ids[r.varint()];
      const k = r.varint();
      const kind = k === 0 ? null : kinds[k - 1];
      if (id === undefined || kind === undefined) throw new RecordingFormatError(`a keyframe's history names an unknown id or kind at byte ${r.pos}`);
      entries.push([id, number(), number(), kind]);
    }
    rows.push([rowTick, entries]);
  }
  return rows;
}

/** A decoded body: the header and the lines, as the JSON-lines format gave them. */
export interface DecodedRecording {
  header: RecordingHeader;
  lines: unknown[][];
}

/**
 * Read a recording body (already decompressed): the header line and every whole record. Bytes
 * that end in the middle of a record (a `.rec.part` of a running or crashed room) end the lines
 * there. Throws RecordingFormatError for another format or a version not in `versions` (the
 * ones this build reads; a replay of another version would be wrong, not just slow).
 */
export function decodeRecording(bytes: Uint8Array, versions: number | readonly number[]): DecodedRecording {
  if (typeof versions === "number") versions = [versions];
  const nl = bytes.indexOf(0x0a);
  let header: RecordingHeader;
  try {
    header = JSON.parse(utf8Decoder.decode(bytes.subarray(0, nl < 0 ? bytes.length : nl))) as RecordingHeader;
  } catch {
    throw new RecordingFormatError("the first line is not a recording header");
  }
  if (header === null || typeof header !== "object" || header.format !== RECORDING_FORMAT) {
    throw new RecordingFormatError(`not a recording (format ${JSON.stringify((header as { format?: unknown } | null)?.format)})`);
  }
  if (!(versions as readonly number[]).includes(header.formatVersion)) {
    throw new RecordingFormatError(`recording format version ${header.formatVersion}; this replay reads version ${(versions as readonly number[]).join(" or ")}`);
  }
  const lines: unknown[][] = [];
  if (nl < 0) return { header, lines };
  const r = new ByteReader(bytes, nl + 1);
  const prev = new Map<number, unknown[]>();
  let tick = header.startTick;
  try {
    while (r.pos < bytes.length) {
      const tag = r.u8();
      if (tag === REC_JSON) {
        const at = r.pos;
        const line = r.json();
        if (!Array.isArray(line)) throw new RecordingFormatError(`a line at byte ${at} is not an array`);
        if (line[0] === RecLine.Keys) prev.set(line[1] as number, new Array<unknown>((line[2] as unknown[]).length).fill(null));
        else if (line[0] === RecLine.Unseat) prev.delete(line[1] as number);
        lines.push(line as unknown[]);
        continue;
      }
      if (tag === REC_KEYFRAME && header.formatVersion >= 3) {
        const keyframeTick = r.varint();
        const checksum = r.u32();
        const stateBytes = r.bytesWithLength();
        const history = readHistory(r, keyframeTick);
        const at = r.pos;
        const data = r.json();
        if (data === null || typeof data !== "object") throw new RecordingFormatError(`a keyframe at byte ${at} holds no data`);
        lines.push([RecLine.Keyframe, keyframeTick, checksum, stateBytes, { ...data, history }]);
        continue;
      }
      if (tag !== REC_TICK) throw new RecordingFormatError(`unknown record tag ${tag} at byte ${r.pos - 1}`);
      const t = tick + r.varint();
      const flags = r.u8();
      const checksum = flags & 1 ? r.u32() : null;
      const count = r.varint();
      const line: unknown[] = [RecLine.Tick, t, checksum];
      for (let n = 0; n < count; n++) {
        const head = r.varint();
        const seat = Math.floor(head / 2);
        if (head % 2 === 1) {
          const at = r.pos;
          const message = r.json();
          if (!Array.isArray(message) || message.length !== 2) throw new RecordingFormatError(`a game message at byte ${at} is not [type, value]`);
          line.push([-1 - seat, message[0], message[1]]);
          continue;
        }
        const values = prev.get(seat);
        if (!values) throw new RecordingFormatError(`an input of seat ${seat} before its key list (tick ${t})`);
        const codesAt = r.pos;
        for (let i = 0; i < values.length; i += 4) r.u8();
        const entry: unknown[] = [seat];
        for (let i = 0; i < values.length; i++) {
          const code = (bytes[codesAt + (i >> 2)]! >> ((i & 3) * 2)) & 3;
          if (code === C_F64) values[i] = r.f64();
          else if (code === C_INT) values[i] = unzigzag(r.varint());
          else if (code === C_TAGGED) values[i] = readValue(r, values[i]);
          entry.push(values[i]);
        }
        line.push(entry);
      }
      tick = t;
      lines.push(line);
    }
  } catch (err) {
    if (!(err instanceof Truncated)) throw err;
  }
  return { header, lines };
}
