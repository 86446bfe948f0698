import type { HistoryRow } from "@arena/shared";

/** A hit-relevant position of one entity at one tick. */
export interface HistoricPosition {
  /** The entity's key in its collection (a player's sessionId). */
  id: string;
  x: number;
  y: number;
  /**
   * The collection the entity is in (its MapSchema field name, e.g. "balls"); undefined for a
   * player, so a room that records only players leaves it out.
   */
  kind?: string | undefined;
  /**
   * The entity's teleport counter when it has one (`teleports`, see markTeleport): a client draws
   * a teleport as a cut, never extrapolated across, and so does extrapolatedView.
   */
  teleports?: number | undefined;
}

/**
 * Positions of entities for the last `capacityTicks` ticks, for lag compensation.
 * Slots are reused, so recording allocates only when an entity count grows.
 */
export class LagHistory {
  private readonly ticks: number[];
  private readonly slots: HistoricPosition[][];

  constructor(readonly capacityTicks: number) {
    this.ticks = new Array<number>(capacityTicks).fill(-1);
    this.slots = Array.from({ length: capacityTicks }, () => []);
  }

  /** Record where every entity is at `tick`. */
  record(tick: number, entities: Iterable<HistoricPosition>): void {
    const i = tick % this.capacityTicks;
    const slot = this.slots[i]!;
    let n = 0;
    for (const e of entities) {
      const entry = slot[n];
      if (entry) {
        entry.id = e.id;
        entry.x = e.x;
        entry.y = e.y;
        entry.kind = e.kind;
        entry.teleports = e.teleports;
      } else {
        slot.push({ id: e.id, x: e.x, y: e.y, kind: e.kind, teleports: e.teleports });
      }
      n++;
    }
    slot.length = n;
    this.ticks[i] = tick;
  }

  /** Positions at `tick`, or undefined when that tick is not (or no longer) recorded. */
  at(tick: number): readonly HistoricPosition[] | undefined {
    const i = tick % this.capacityTicks;
    return this.ticks[i] === tick ? this.slots[i] : undefined;
  }

  /**
   * Every recorded tick, oldest first, as JSON-safe rows [tick, [[id, x, y, kind | null, teleports?], ...]]
   * (a recording's keyframe: later shots rewind into it).
   */
  snapshot(): [number, HistoryRow[]][] {
    const rows: [number, HistoryRow[]][] = [];
    for (let i = 0; i < this.capacityTicks; i++) {
      const tick = this.ticks[i]!;
      if (tick < 0) continue;
      rows.push([tick, this.slots[i]!.map((e): HistoryRow => e.teleports === undefined ? [e.id, e.x, e.y, e.kind ?? null] : [e.id, e.x, e.y, e.kind ?? null, e.teleports])]);
    }
    return rows.sort((a, b) => a[0] - b[0]);
  }

  /** Forget everything, then record the rows of a snapshot (ticks it cannot hold are dropped as usual). */
  restore(rows: readonly [number, readonly HistoryRow[]][]): void {
    this.ticks.fill(-1);
    for (const slot of this.slots) slot.length = 0;
    for (const [tick, entries] of rows) this.record(tick, entries.map(([id, x, y, kind, teleports]) => ({ id, x, y, kind: kind ?? undefined, teleports })));
  }
}
