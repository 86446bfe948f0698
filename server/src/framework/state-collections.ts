import type { HistoricPosition } from "./lag-history.js";

/** A collection of the state as the framework reads it (a MapSchema of items with a position). */
interface PositionedMap {
  values(): IterableIterator<object>;
  forEach(cb: (item: { x: number; y: number }, id: string) => void): void;
}

/**
 * Named MapSchema collections of a room's state ("players", "balls", ...) that the framework
 * reads for interest management and lag compensation. Checked once against the state at create,
 * so a misspelt name fails the room's creation instead of culling nothing. Reuses its arrays and
 * records: reading allocates only the collections' value iterators, and when an item count grows.
 */
export class StateCollections {
  private readonly lists: Iterable<object>[] = [];
  private readonly records: HistoricPosition[] = [];
  private recorded = 0;
  private recordingKind: string | undefined = undefined;
  /** One callback for every forEach (no closure per call). */
  private readonly recordOne = (item: { x: number; y: number; teleports?: number }, id: string): void => {
    let record = this.records[this.recorded];
    if (!record) this.records.push((record = { id, x: 0, y: 0, kind: undefined, teleports: undefined }));
    record.id = id;
    record.x = item.x;
    record.y = item.y;
    record.kind = this.recordingKind;
    // A synced teleport counter (markTeleport), when the item has one: extrapolation never crosses it.
    record.teleports = typeof item.teleports === "number" ? item.teleports : undefined;
    this.recorded++;
  };

  /** `what` names the declaration in errors (e.g. "interest.collections"). */
  constructor(readonly names: readonly string[], private readonly what: string) {}

  /** Throw unless every name is a map-like collection of `state`. */
  check(state: object): void {
    for (const name of this.names) {
      const field = (state as Record<string, unknown>)[name] as Partial<PositionedMap> | undefined;
      if (typeof field?.values !== "function" || typeof field.forEach !== "function") {
        throw new Error(`${this.what}: the state has no MapSchema field "${name}"`);
      }
    }
  }

  /** Each collection's items, in declaration order (the array is reused: read it before the next call). */
  itemsOf(state: object): readonly Iterable<object>[] {
    for (let i = 0; i < this.names.length; i++) this.lists[i] = this.map(state, this.names[i]!).values();
    this.lists.length = this.names.length;
    return this.lists;
  }

  /**
   * Every item's position with its collection as `kind` (undefined for `players`), in records
   * reused from call to call (LagHistory copies them).
   */
  positionsOf(state: object): readonly HistoricPosition[] {
    this.recorded = 0;
    for (const name of this.names) {
      this.recordingKind = name === "players" ? undefined : name;
      this.map(state, name).forEach(this.recordOne);
    }
    this.records.length = this.recorded;
    return this.records;
  }

  private map(state: object, name: string): PositionedMap {
    return (state as Record<string, PositionedMap>)[name]!;
  }
}
