import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { arenaInputCodec, arenaInputSchema, type ArenaInput } from "@arena/shared/games/arena";

const input = fc.record({
  seq: fc.integer({ min: 1, max: 0xffffffff }),
  viewTick: fc.option(fc.integer({ min: 0, max: 0xfffffffe }), { nil: undefined }),
  moveX: fc.double({ min: -1, max: 1, noNaN: true }),
  moveY: fc.double({ min: -1, max: 1, noNaN: true }),
  aim: fc.double({ min: -2 * Math.PI, max: 2 * Math.PI, noNaN: true }),
  fire: fc.boolean(),
}).chain((i) => fc.option(fc.record({ viewAheadTicks: fc.integer({ min: 1, max: 7 }), viewSpanTicks: fc.integer({ min: 1, max: 15 }) }), { nil: undefined })
  .map((view): ArenaInput => ({ ...i, ...view })));

const pack = (i: ArenaInput) => {
  const bytes = new Uint8Array(arenaInputCodec.byteLength);
  arenaInputCodec.encode(i, bytes);
  return bytes;
};

describe("arenaInputCodec (packed binary input)", () => {
  it("round trip: seq, viewTick, its extrapolation (ahead and span ticks) and fire exact; axes within 1/254; aim within 1/131072 turn; and valid", () => {
    fc.assert(
      fc.property(input, (i) => {
        const out = arenaInputCodec.create();
        expect(arenaInputCodec.decode(pack(i), out)).toBeNull();
        expect(out.seq).toBe(i.seq);
        expect(out.viewTick).toBe(i.viewTick);
        expect(out.viewAheadTicks).toBe(i.viewAheadTicks);
        expect(out.viewSpanTicks).toBe(i.viewSpanTicks);
        expect(out.fire).toBe(i.fire);
        expect(Math.abs(out.moveX - i.moveX)).toBeLessThanOrEqual(1 / 254 + 1e-12);
        expect(Math.abs(out.moveY - i.moveY)).toBeLessThanOrEqual(1 / 254 + 1e-12);
        const d = Math.abs(((out.aim - i.aim) % (2 * Math.PI) + 3 * Math.PI) % (2 * Math.PI) - Math.PI);
        expect(d).toBeLessThanOrEqual((2 * Math.PI) / 131072 + 1e-9);
        // What the server applies also passes the msgpack input's validator.
        expect(arenaInputSchema.safeParse(out).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("re-encoding a decoded input gives the same bytes (client prediction = server input)", () => {
    fc.assert(
      fc.property(input, (i) => {
        const bytes = pack(i);
        const out = arenaInputCodec.create();
        arenaInputCodec.decode(bytes, out);
        expect(pack(out)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it("an extrapolation claim the flags cannot hold exactly (ahead over 7, span over 15) is not sent at all", () => {
    for (const [ahead, span] of [[8, 3], [3, 16], [200, 200]] as const) {
      const out = arenaInputCodec.create();
      expect(arenaInputCodec.decode(pack({ seq: 1, viewTick: 50, viewAheadTicks: ahead, viewSpanTicks: span, moveX: 0, moveY: 0, aim: 0, fire: true }), out)).toBeNull();
      expect([out.viewAheadTicks, out.viewSpanTicks, out.fire]).toEqual([undefined, undefined, true]);
    }
  });

  it("keyboard axes (-1, 0, 1) are exact", () => {
    for (const [x, y] of [[-1, 1], [0, 0], [1, -1]] as const) {
      const out = arenaInputCodec.create();
      arenaInputCodec.decode(pack({ seq: 1, moveX: x, moveY: y, aim: 0, fire: false }), out);
      expect([out.moveX, out.moveY]).toEqual([x, y]);
    }
  });

  it("refuses wrong sizes, seq 0, axis -128 and unknown flag bits", () => {
    const out = arenaInputCodec.create();
    const good = pack({ seq: 5, moveX: 0, moveY: 0, aim: 0, fire: true });
    expect(arenaInputCodec.decode(good.subarray(0, 12), out)).toMatch(/13 bytes/);
    expect(arenaInputCodec.decode(new Uint8Array(14), out)).toMatch(/13 bytes/);
    const seq0 = good.slice();
    seq0.fill(0, 0, 4);
    expect(arenaInputCodec.decode(seq0, out)).toMatch(/seq/);
    const axis = good.slice();
    axis[8] = 0x80;
    expect(arenaInputCodec.decode(axis, out)).toMatch(/move/);
    const flags = good.slice();
    flags[12] = 2;
    expect(arenaInputCodec.decode(flags, out)).toMatch(/flags/);
  });

  it("decodes each record of a several-record message at its offset, as from its own bytes; a record past the end is refused", () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 4 }), (inputs) => {
        const size = arenaInputCodec.byteLength;
        const message = new Uint8Array(inputs.length * size);
        inputs.forEach((i, k) => message.set(pack(i), k * size));
        inputs.forEach((i, k) => {
          const atOffset = arenaInputCodec.create();
          const alone = arenaInputCodec.create();
          expect(arenaInputCodec.decode(message, atOffset, k * size)).toBeNull();
          expect(arenaInputCodec.decode(pack(i), alone)).toBeNull();
          expect(atOffset).toEqual(alone);
        });
        expect(arenaInputCodec.decode(message, arenaInputCodec.create(), inputs.length * size - 1)).toMatch(/13 bytes at offset/);
      }),
    );
  });
});
