import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MapSchema, Schema, type } from "@colyseus/schema";
import { SlotBank, definePosePacking, packFine, packPose, packWord, packedFieldMax, unpackPoses, unpackWord, writeSlot, type PackedFieldSpec } from "@arena/shared";

/** A layout of 1-3 fields that fits: bits sum to at most 32, remainders to at most 8. */
const layouts = fc.array(
  fc.record({ bits: fc.integer({ min: 1, max: 10 }), stepsPerUnit: fc.constantFrom(1, 2, 4), fineBits: fc.integer({ min: 0, max: 2 }) }),
  { minLength: 1, maxLength: 3 },
).map((fields): PackedFieldSpec[] => fields.map((f, i) => ({
  name: `f${i}`, bits: f.bits, stepsPerUnit: f.stepsPerUnit, exactStepsPerUnit: f.stepsPerUnit * 2 ** f.fineBits,
})));

describe("definePosePacking: any declared layout", () => {
  it("with the owner's fine byte every value on the exact grid comes back bit for bit; without it, within half a wire step", () => {
    fc.assert(fc.property(layouts, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (fields, fractions) => {
      const packing = definePosePacking({ collection: "things", bank: "poses", fields });
      const entity: Record<string, number> = {};
      fields.forEach((f, i) => {
        const exact = f.exactStepsPerUnit!;
        entity[f.name] = Math.floor(fractions[i]! * packedFieldMax(packing, f.name) * exact) / exact;
      });
      const word = packWord(packing, entity);
      expect(word).toBeGreaterThanOrEqual(0);
      expect(word).toBeLessThanOrEqual(0xffffffff);
      const fine = packFine(packing, entity);
      expect(fine).toBeGreaterThanOrEqual(0);
      expect(fine).toBeLessThanOrEqual(0xff);
      expect(unpackWord(packing, word, fine, {})).toEqual(entity);
      // The server's packer (PoseBank's) writes both into the object it is given, not a shared scratch.
      const out = { word: -1, fine: -1 };
      expect(packPose(packing, entity, out)).toBe(out);
      expect(out).toEqual({ word, fine });
      const coarse = unpackWord(packing, word, undefined, {} as Record<string, number>);
      for (const f of fields) expect(Math.abs(coarse[f.name]! - entity[f.name]!)).toBeLessThanOrEqual(0.5 / f.stepsPerUnit!);
    }), { numRuns: 500 });
  });

  it("refuses a layout that does not fit, at definition", () => {
    expect(() => definePosePacking({ collection: "c", bank: "b", fields: [{ name: "x", bits: 20 }, { name: "y", bits: 13 }] })).toThrow(/33 bits/);
    expect(() => definePosePacking({
      collection: "c", bank: "b",
      fields: [{ name: "x", bits: 8, exactStepsPerUnit: 32 }, { name: "y", bits: 8, exactStepsPerUnit: 32 }],
    })).toThrow(/10 remainder bits/);
    expect(() => definePosePacking({ collection: "c", bank: "b", fields: [{ name: "x", bits: 8, stepsPerUnit: 2, exactStepsPerUnit: 3 }] })).toThrow(/power of two/);
  });
});

class Thing extends Schema {
  @type("uint8") slot = 0;
  @type("uint8") fine = 0;
  x = 0;
}
class Things extends Schema {
  @type({ map: Thing }) things = new MapSchema<Thing>();
  @type(SlotBank) poses = new SlotBank();
}

describe("unpackPoses", () => {
  it("writes each decoded entity's plain fields from its slot's word; leaves an entity whose word has not arrived alone", () => {
    const packing = definePosePacking({ collection: "things", bank: "poses", fields: [{ name: "x", bits: 10, stepsPerUnit: 2, exactStepsPerUnit: 8 }] });
    const state = new Things();
    const own = Object.assign(new Thing(), { slot: 3 });
    const other = Object.assign(new Thing(), { slot: 5 });
    const early = Object.assign(new Thing(), { slot: 9, x: -1 });
    state.things.set("own", own);
    state.things.set("other", other);
    state.things.set("early", early);
    writeSlot(state.poses, 3, packWord(packing, { x: 100.375 }));
    own.fine = packFine(packing, { x: 100.375 });
    writeSlot(state.poses, 5, packWord(packing, { x: 100.375 }));
    other.fine = 0;
    unpackPoses(packing, state as never);
    expect([own.x, other.x, early.x]).toEqual([100.375, 100.5, -1]);
  });
});
