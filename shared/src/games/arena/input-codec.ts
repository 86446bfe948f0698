import type { InputCodec } from "../../protocol/input-codec.js";
import type { ArenaInput } from "./input.js";

const UINT32_MAX = 0xffffffff;
/** `viewTick` absent. */
const NO_VIEW_TICK = UINT32_MAX;
const AXIS_STEPS = 127;
const TAU = 2 * Math.PI;

// Byte-wise little-endian access: no DataView allocated per input (this runs for every input).
function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}

function readU32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function readI8(b: Uint8Array, o: number): number {
  return (b[o]! << 24) >> 24;
}

function axisToByte(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0)) * AXIS_STEPS);
}

/** Largest viewAheadTicks the flags hold (3 bits): the server extrapolates at most 6 ticks at 60/20 Hz anyway. */
const MAX_AHEAD = 7;
/** Largest viewSpanTicks the flags hold (4 bits). */
const MAX_SPAN = 15;

/**
 * Arena input, 13 bytes, little-endian: seq u32 | viewTick u32 (0xffffffff = none) |
 * moveX i8, moveY i8 (-127..127 = -1..1) | aim u16 (turns / 65536) | flags u8: bit 0 fire,
 * bits 1-3 viewAheadTicks and bits 4-7 viewSpanTicks (both 0: not extrapolated; see tickInputFields).
 */
export const arenaInputCodec: InputCodec<ArenaInput> = {
  byteLength: 13,
  // Same key order as the validated msgpack input, so the room's hot code sees one object shape.
  create: () => ({ seq: 0, viewTick: undefined, viewAheadTicks: undefined, viewSpanTicks: undefined, moveX: 0, moveY: 0, aim: 0, fire: false }),
  encode(input, out) {
    writeU32(out, 0, input.seq >>> 0);
    writeU32(out, 4, input.viewTick === undefined ? NO_VIEW_TICK : Math.min(NO_VIEW_TICK - 1, input.viewTick >>> 0));
    out[8] = axisToByte(input.moveX) & 0xff;
    out[9] = axisToByte(input.moveY) & 0xff;
    const turns = Number.isFinite(input.aim) ? input.aim / TAU : 0;
    const aim = Math.round((turns - Math.floor(turns)) * 65536) & 0xffff;
    out[10] = aim & 0xff;
    out[11] = aim >>> 8;
    const ahead = input.viewAheadTicks ?? 0;
    const span = input.viewSpanTicks ?? 0;
    // A claim the flags cannot hold exactly is not made at all (the server then judges the view tick as is).
    const view = ahead > 0 && span > 0 && ahead <= MAX_AHEAD && span <= MAX_SPAN ? (ahead << 1) | (span << 4) : 0;
    out[12] = (input.fire ? 1 : 0) | view;
  },
  decode(bytes, out, offset) {
    const o = offset ?? 0;
    if (offset === undefined ? bytes.byteLength !== 13 : bytes.byteLength < o + 13) {
      return `expected 13 bytes${offset === undefined ? "" : ` at offset ${o}`}, got ${bytes.byteLength - o}`;
    }
    const seq = readU32(bytes, o);
    if (seq < 1) return "seq: must be >= 1";
    const moveX = readI8(bytes, o + 8);
    const moveY = readI8(bytes, o + 9);
    if (moveX < -AXIS_STEPS || moveY < -AXIS_STEPS) return "move: out of range";
    const flags = bytes[o + 12]!;
    const ahead = (flags >>> 1) & MAX_AHEAD;
    const span = flags >>> 4;
    if ((ahead === 0) !== (span === 0)) return "flags: view ahead and span ticks must both be set or both 0";
    const viewTick = readU32(bytes, o + 4);
    out.seq = seq;
    out.viewTick = viewTick === NO_VIEW_TICK ? undefined : viewTick;
    out.viewAheadTicks = ahead === 0 ? undefined : ahead;
    out.viewSpanTicks = span === 0 ? undefined : span;
    out.moveX = moveX / AXIS_STEPS;
    out.moveY = moveY / AXIS_STEPS;
    out.aim = ((bytes[o + 10]! | (bytes[o + 11]! << 8)) / 65536) * TAU;
    out.fire = (flags & 1) === 1;
    return null;
  },
};
