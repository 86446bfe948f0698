import { describe, expect, it } from "vitest";
import { Encoder, Reflection, Schema, type } from "@colyseus/schema";
import { SLOT_BANK_SIZE, SlotBank, clearSlot, freeSlot, readSlot, writeSlot } from "@arena/shared";

class BankState extends Schema {
  @type("uint32") tick = 0;
  @type(SlotBank) bank = new SlotBank();
}

/** A server-side encoder and a client-side decoder built by reflection, as colyseus.js does. */
function wire() {
  const state = new BankState();
  const encoder = new Encoder(state);
  const decoder = Reflection.decode<BankState>(Reflection.encode(encoder));
  decoder.decode(encoder.encodeAll());
  encoder.discardChanges();
  const patch = (): Buffer => {
    const bytes = Buffer.from(encoder.encode());
    encoder.discardChanges();
    decoder.decode(bytes);
    return bytes;
  };
  return { state, decoded: decoder.state, patch };
}

describe("SlotBank", () => {
  it("a changed word costs 5 bytes in a patch (field byte + uint32); the bank is addressed once", () => {
    const { state, decoded, patch } = wire();
    for (const changed of [1, 10, SLOT_BANK_SIZE]) {
      for (let slot = 0; slot < changed; slot++) writeSlot(state.bank, slot, (0xfedcba00 + slot + changed) >>> 0);
      // switch-to-structure byte + the bank's refId, then 5 bytes per changed word
      expect(patch().length).toBe(2 + 5 * changed);
      for (let slot = 0; slot < changed; slot++) expect(readSlot(decoded.bank, slot)).toBe((0xfedcba00 + slot + changed) >>> 0);
    }
  });

  it("unchanged words cost nothing; a cleared slot arrives deleted", () => {
    const { state, decoded, patch } = wire();
    writeSlot(state.bank, 3, 42);
    patch();
    writeSlot(state.bank, 3, 42);
    expect(patch().length).toBe(0);
    clearSlot(state.bank, 3);
    patch();
    expect(readSlot(decoded.bank, 3)).toBeUndefined();
  });

  it("refuses slots outside the bank and hands out the lowest free slot", () => {
    const bank = new SlotBank();
    expect(() => writeSlot(bank, SLOT_BANK_SIZE, 1)).toThrow(RangeError);
    expect(() => readSlot(bank, -1)).toThrow(RangeError);
    expect(freeSlot([])).toBe(0);
    expect(freeSlot([0, 1, 3])).toBe(2);
    expect(freeSlot(Array.from({ length: SLOT_BANK_SIZE }, (_, i) => i))).toBe(-1);
  });
});
