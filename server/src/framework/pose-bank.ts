import { POSE_BANK_SLOTS, clearSlot, packPose, writeSlot, type PackedPose, type PosePacking, type SlotBank } from "@arena/shared";

interface PackedEntity {
  slot: number;
  fine?: number;
}

interface Collection {
  has(id: string): boolean;
  readonly size: number;
  forEach(cb: (entity: PackedEntity, id: string) => void): void;
}

/**
 * Server side of a room type's `posePacking` (see shared/src/schema/pose-packing.ts): gives each
 * entity of the packed collection a slot in the bank (the lowest free one), writes every entity's
 * word (and the owner-only `fine` byte) from its plain fields, and empties the slot of an entity
 * that left, so nobody keeps receiving it. TickRoom calls `sync` once before each patch and when
 * a client joins (its join snapshot must hold where everyone is, spawns and teleports since the
 * last patch included). Unchanged words cost nothing in the next patch.
 */
export class PoseBank {
  private readonly slots = new Map<string, number>();
  /** Free slots; the lowest is taken first, so a room's slots stay packed at the bank's start. */
  private readonly free: number[] = Array.from({ length: POSE_BANK_SLOTS }, (_, i) => i);

  constructor(private readonly packing: PosePacking) {}

  /** Entities of the collection without a slot yet, found by the current `sync` (reused). */
  private readonly fresh: { id: string; entity: PackedEntity }[] = [];
  private readonly packed: PackedPose = { word: 0, fine: 0 };

  /**
   * Bring the bank and the entities' slot and fine fields up to date with the simulation. One
   * pass over the collection; slots of entities that left are looked for only when some did, and
   * freed before newcomers take the lowest free ones.
   */
  sync(state: object): void {
    const fields = state as Record<string, unknown>;
    const collection = fields[this.packing.collection] as Collection;
    const bank = fields[this.packing.bank] as SlotBank;
    let known = 0;
    collection.forEach((entity, id) => {
      const slot = this.slots.get(id);
      if (slot === undefined) {
        this.fresh.push({ id, entity });
        return;
      }
      known++;
      this.write(bank, entity, slot);
    });
    if (known < this.slots.size) this.releaseGone(collection, bank);
    if (this.fresh.length === 0) return;
    for (const { id, entity } of this.fresh) {
      const slot = this.take(id);
      this.slots.set(id, slot);
      this.write(bank, entity, slot);
    }
    this.fresh.length = 0;
  }

  private write(bank: SlotBank, entity: PackedEntity, slot: number): void {
    // A new object under a known id (an entity replaced in place) gets its slot too.
    if (entity.slot !== slot) entity.slot = slot;
    const packed = packPose(this.packing, entity as unknown as Record<string, unknown>, this.packed);
    writeSlot(bank, slot, packed.word);
    if (this.packing.hasFine) entity.fine = packed.fine;
  }

  /** Empty the slots of entities no longer in the collection. */
  private releaseGone(collection: Collection, bank: SlotBank): void {
    for (const [id, slot] of this.slots) {
      if (collection.has(id)) continue;
      clearSlot(bank, slot);
      this.slots.delete(id);
      this.release(slot);
    }
  }

  private take(id: string): number {
    const slot = this.free.shift();
    if (slot === undefined) {
      throw new Error(`no free pose slot for ${this.packing.collection} ${id}: one bank holds ${POSE_BANK_SLOTS} entities`);
    }
    return slot;
  }

  private release(slot: number): void {
    let i = 0;
    while (i < this.free.length && this.free[i]! < slot) i++;
    this.free.splice(i, 0, slot);
  }
}
