import { Schema, type } from "@colyseus/schema";

/**
 * A bank of `SLOT_BANK_SIZE` uint32 words, one per entity slot, for high-rate packed data such
 * as a pose word that changes every patch.
 *
 * Why a bank rather than a field on each entity: @colyseus/schema addresses every changed
 * object in a patch (a switch byte plus its refId, 2 bytes), then 1 byte per changed field plus
 * the value. A word on the entity costs 2 + 1 + 4 = 7 bytes per moving entity per patch; the same
 * word in one bank costs 1 + 4 = 5, and the bank is addressed once per patch. Rarely changing
 * fields stay on the entity.
 *
 * The fields are `s0` .. `s63` (64 is the most fields one schema class can have). They are not
 * view-filtered: every client receives every slot, so a bank suits rooms that send everyone
 * everything (the arena). A room with per-entity interest management keeps such words on its
 * entities, which a StateView can add and remove one by one.
 */
export class SlotBank extends Schema {}

/** Slots in one bank. */
export const SLOT_BANK_SIZE = 64;

const SLOT_FIELDS: readonly string[] = Array.from({ length: SLOT_BANK_SIZE }, (_, i) => `s${i}`);
for (const field of SLOT_FIELDS) type("uint32")(SlotBank.prototype, field);

type SlotRecord = Record<string, number | undefined>;

function fieldOf(slot: number): string {
  const field = SLOT_FIELDS[slot];
  if (field === undefined) throw new RangeError(`slot ${slot} is outside 0..${SLOT_BANK_SIZE - 1}`);
  return field;
}

/** Write a slot's word (0..2^32-1). An unchanged value costs nothing in the next patch. */
export function writeSlot(bank: SlotBank, slot: number, word: number): void {
  (bank as unknown as SlotRecord)[fieldOf(slot)] = word;
}

/** A slot's word, or undefined when the slot is empty. Works on a client's decoded copy too. */
export function readSlot(bank: SlotBank | undefined, slot: number): number | undefined {
  return (bank as unknown as SlotRecord | undefined)?.[fieldOf(slot)];
}

/** Empty a slot (clients see it deleted), e.g. when its entity leaves. */
export function clearSlot(bank: SlotBank, slot: number): void {
  (bank as unknown as SlotRecord)[fieldOf(slot)] = undefined;
}

/** The lowest slot not in `taken`, or -1 when all `SLOT_BANK_SIZE` are taken. */
export function freeSlot(taken: Iterable<number>): number {
  const used = new Set(taken);
  for (let slot = 0; slot < SLOT_BANK_SIZE; slot++) if (!used.has(slot)) return slot;
  return -1;
}
