import { describe, expect, it } from "vitest";
import { RECORDING_FORMAT, RECORDING_FORMAT_VERSION, RecLine, RecordingEncoder, RecordingFormatError, decodeRecording, type RecordingHeader } from "../src/index.js";

const header: RecordingHeader = {
  format: RECORDING_FORMAT, formatVersion: RECORDING_FORMAT_VERSION, room: "arena", definitionVersion: 1, roomId: "r1",
  startedAtMs: 0, config: { tickHz: 60 }, options: null, checksumEveryTicks: 60, checksumSkip: ["ack"], startTick: 5, startChecksum: 42,
};

/** Write `ticks` (each: entries of [seat, values] or [seat, type, value] messages, a checksum or null) after seat lines. */
function encode(keys: Record<number, string[]>, ticks: { tick: number; checksum: number | null; inputs: [number, unknown[]][] }[]): Uint8Array[] {
  const enc = new RecordingEncoder(header);
  const chunks: Uint8Array[] = [];
  for (const [seat, k] of Object.entries(keys)) {
    enc.json([RecLine.Seat, Number(seat), `p${seat}`, `id${seat}`, `n${seat}`, null, 1]);
    enc.json([RecLine.Keys, Number(seat), k]);
  }
  for (const t of ticks) {
    for (const [seat, values] of t.inputs) {
      enc.input(seat);
      for (const v of values) enc.value(v);
    }
    enc.endTick(t.tick, t.checksum);
    chunks.push(enc.take());
  }
  enc.json([RecLine.End, ticks.at(-1)!.tick, "dispose"]);
  chunks.push(enc.take());
  return chunks;
}

const concat = (chunks: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

describe("recording codec (format 2)", () => {
  it("gives back the lines of the JSON-lines format, every value exact (doubles, -0, big and negative ints, strings, objects)", () => {
    const keys = { 0: ["seq", "moveX", "aim", "fire", "tag", "extra"], 1: ["seq", "moveX"] };
    const values: unknown[][] = [
      [1, 0.7071067811865476, -Math.PI, true, "a", { x: 1 }],
      [1, 0.7071067811865476, -Math.PI, true, "a", { x: 1 }], // all equal to the previous: elided but for the object
      [1, 0.7071067811865476 + 1e-12, -Math.PI * 1.001, true, "a", null], // close doubles: XOR'd with the previous
      [1, -0.7071067811865476, -Math.PI * 1.0000001, true, "a", null], // the sign flips: written whole
      [1, -0.7071067811865476 + 2 ** -50, NaN, true, "a", null],
      [1, -0, 1e300, false, null, null],
      [-3, 2 ** 40 + 0.5, 0.5, false, "é☃", [1, 2]],
      [2 ** 31, -(2 ** 31), Number.MIN_VALUE, true, "", null],
    ];
    const ticks = values.map((v, i) => ({ tick: 6 + i * 3, checksum: i === 5 ? 0xfedcba98 : null, inputs: [[0, v], [1, [i, v[1]]]] as [number, unknown[]][] }));
    const { header: h, lines } = decodeRecording(concat(encode(keys, ticks)), RECORDING_FORMAT_VERSION);
    expect(h).toEqual(header);
    const tickLines = lines.filter((l) => l[0] === RecLine.Tick);
    expect(tickLines).toEqual(ticks.map((t) => [RecLine.Tick, t.tick, t.checksum, ...t.inputs.map(([seat, v]) => [seat, ...v])]));
    // Exactly, not just toEqual: -0 stays -0.
    expect(Object.is((tickLines[5]![3] as unknown[])[2], -0)).toBe(true);
    expect(lines.at(-1)).toEqual([RecLine.End, ticks.at(-1)!.tick, "dispose"]);
  });

  it("keeps 'tick' game messages among the inputs in their order, and a tick in parts (same tick twice) as two lines", () => {
    const enc = new RecordingEncoder(header);
    enc.json([RecLine.Keys, 3, ["seq", "x"]]);
    enc.message(3, "emote", { id: 2 });
    enc.input(3);
    enc.value(7);
    enc.value(0.1);
    enc.endTick(9, null);
    enc.json([RecLine.Keys, 3, ["seq"]]);
    enc.input(3);
    enc.value(8);
    enc.message(0, "kick", null);
    enc.endTick(9, 77);
    enc.json([RecLine.Arrival, 3, "chat", "hi"]);
    const { lines } = decodeRecording(enc.take(), RECORDING_FORMAT_VERSION);
    expect(lines).toEqual([
      [RecLine.Keys, 3, ["seq", "x"]],
      [RecLine.Tick, 9, null, [-4, "emote", { id: 2 }], [3, 7, 0.1]],
      [RecLine.Keys, 3, ["seq"]],
      [RecLine.Tick, 9, 77, [3, 8], [-1, "kick", null]],
      [RecLine.Arrival, 3, "chat", "hi"],
    ]);
  });

  it("reads a body cut anywhere up to the last whole record, and refuses another version or format", () => {
    const keys = { 0: ["seq", "x"] };
    const ticks = Array.from({ length: 20 }, (_, i) => ({ tick: 6 + i, checksum: null, inputs: [[0, [1, i / 7]]] as [number, unknown[]][] }));
    const body = concat(encode(keys, ticks));
    const full = decodeRecording(body, RECORDING_FORMAT_VERSION).lines;
    let previous = -1;
    for (let cut = body.indexOf(0x0a) + 1; cut < body.length; cut++) {
      const { lines } = decodeRecording(body.subarray(0, cut), RECORDING_FORMAT_VERSION);
      expect(lines).toEqual(full.slice(0, lines.length));
      expect(lines.length).toBeGreaterThanOrEqual(previous);
      previous = lines.length;
    }
    expect(previous).toBe(full.length - 1);
    expect(() => decodeRecording(body, 1)).toThrow(RecordingFormatError);
    expect(() => decodeRecording(new TextEncoder().encode('{"format":"other"}\n'), RECORDING_FORMAT_VERSION)).toThrow(/not a recording/);
  });

  it("writes a bot's input in 2 bits a value plus the values that changed: 29 bytes with three new doubles, 3 when nothing changed", () => {
    const enc = new RecordingEncoder(header);
    enc.json([RecLine.Keys, 0, ["seq", "moveX", "moveY", "aim", "fire"]]);
    enc.take();
    enc.input(0);
    for (const v of [1, Math.cos(1), Math.sin(1), 1.234567891, false]) enc.value(v);
    enc.endTick(6, null);
    const first = enc.take().length;
    enc.input(0);
    for (const v of [1, Math.cos(1), Math.sin(1), 1.234567891, false]) enc.value(v);
    enc.endTick(7, null);
    // The tick record's tag, tick delta, flags and count (4), then the entry: its head and two code bytes.
    expect(enc.take().length).toBe(4 + 3);
    // ... and the values: seq 1 (a 1-byte varint), three float64, false (a tag byte).
    expect(first).toBe(4 + 3 + 1 + 3 * 8 + 1);
  });
});
