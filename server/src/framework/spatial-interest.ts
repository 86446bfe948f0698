import type { Schema, StateView } from "@colyseus/schema";

/** Options of a {@link SpatialInterest}. Distances in px. */
export interface InterestOptions {
  /** A client sees every entity whose centre is within this distance of its own player. */
  radiusPx: number;
  /**
   * An entity already seen is dropped only beyond `radiusPx * (1 + hysteresis)`, so one
   * walking along the edge does not flap in and out (each re-entry resends all its fields).
   * Default 0.1.
   */
  hysteresis?: number;
  /**
   * Names of the state's MapSchema collections under interest management (each tagged `@view()`
   * in the schema, each item with `x`, `y` in px): a client receives the items of each that are
   * near its own player (e.g. `["players", "balls"]`). Items of a collection not named here go
   * to every client. Default `["players"]`. (Read by TickRoom; SpatialInterest itself takes the
   * collections' items in `update`.)
   */
  collections?: readonly string[];
}

/** One client's side of interest management: its view, its own entity, what it sees now. */
export interface InterestViewer<E> {
  readonly view: StateView;
  /** The client's own entity (always visible to it), or undefined before it has one. */
  readonly self: E | undefined;
  /** Entities currently added to `view` by interest management (not counting `self`). */
  readonly visible: Set<E>;
}

/** Position of an entity in px. */
export type PositionOf<E> = (entity: E) => { readonly x: number; readonly y: number };

/**
 * Interest management on a uniform grid: before each patch, each client's StateView gets the
 * entities within a radius of its own entity added and the ones that left it removed, so a
 * client receives what is near it and nothing else. The room's entity collection must be
 * tagged `@view()` in its schema, or views change nothing.
 *
 * Cost per update: O(entities) to bin them, plus O(nearby entities) per client. Allocation-free
 * once the grid and sets have grown to their working size.
 */
export class SpatialInterest<E extends object> {
  readonly radiusPx: number;
  private readonly radiusSq: number;
  private readonly dropSq: number;
  private readonly cellPx: number;
  /** Grid cell key -> entities in it this update. Arrays are reused between updates. */
  private readonly cells = new Map<number, E[]>();
  private readonly alive = new Set<E>();
  /** Views changed (entities added + removed) in the last update, over all clients. */
  lastChanges = 0;

  constructor(options: InterestOptions, private readonly positionOf: PositionOf<E>) {
    if (!(options.radiusPx > 0)) throw new Error("SpatialInterest: radiusPx must be > 0");
    const hysteresis = options.hysteresis ?? 0.1;
    this.radiusPx = options.radiusPx;
    this.radiusSq = options.radiusPx ** 2;
    this.dropSq = (options.radiusPx * (1 + hysteresis)) ** 2;
    // Cells as large as the drop distance: the 3x3 block around a viewer holds every candidate.
    this.cellPx = options.radiusPx * (1 + hysteresis);
  }

  /** Recompute every viewer's visible set from the entities' current positions. */
  update(entities: Iterable<E>, viewers: Iterable<InterestViewer<E>>): void {
    this.clearBins();
    this.bin(entities);
    this.updateViewers(viewers);
  }

  /**
   * The same over entities of several collections (players, balls, pickups...), all in one grid:
   * a viewer sees whatever is near its own entity, whichever collection it is in.
   */
  updateCollections(collections: readonly Iterable<E>[], viewers: Iterable<InterestViewer<E>>): void {
    this.clearBins();
    for (const entities of collections) this.bin(entities);
    this.updateViewers(viewers);
  }

  private updateViewers(viewers: Iterable<InterestViewer<E>>): void {
    let changes = 0;
    for (const viewer of viewers) changes += this.updateViewer(viewer);
    this.lastChanges = changes;
  }

  private clearBins(): void {
    for (const list of this.cells.values()) list.length = 0;
    this.alive.clear();
  }

  private bin(entities: Iterable<E>): void {
    for (const e of entities) {
      this.alive.add(e);
      const p = this.positionOf(e);
      const key = this.cellKey(Math.floor(p.x / this.cellPx), Math.floor(p.y / this.cellPx));
      let list = this.cells.get(key);
      if (!list) this.cells.set(key, (list = []));
      list.push(e);
    }
  }

  private updateViewer(viewer: InterestViewer<E>): number {
    const { view, self, visible } = viewer;
    let changes = 0;
    if (!self || !this.alive.has(self)) {
      for (const e of visible) {
        if (this.alive.has(e)) view.remove(e as Schema);
        changes++;
      }
      visible.clear();
      return changes;
    }
    const { x, y } = this.positionOf(self);
    for (const e of visible) {
      if (!this.alive.has(e)) {
        // Left the room: the schema deletes it from every view that had it.
        visible.delete(e);
        continue;
      }
      const p = this.positionOf(e);
      if ((p.x - x) ** 2 + (p.y - y) ** 2 > this.dropSq) {
        view.remove(e as Schema);
        visible.delete(e);
        changes++;
      }
    }
    const cx = Math.floor(x / this.cellPx);
    const cy = Math.floor(y / this.cellPx);
    for (let i = cx - 1; i <= cx + 1; i++) {
      for (let j = cy - 1; j <= cy + 1; j++) {
        const list = this.cells.get(this.cellKey(i, j));
        if (!list) continue;
        for (const e of list) {
          if (e === self || visible.has(e)) continue;
          const p = this.positionOf(e);
          if ((p.x - x) ** 2 + (p.y - y) ** 2 > this.radiusSq) continue;
          view.add(e as Schema);
          visible.add(e);
          changes++;
        }
      }
    }
    return changes;
  }

  /** Cells indexed by (i, j) in [-32768, 32767]^2, packed into one number. */
  private cellKey(i: number, j: number): number {
    return (i + 32768) * 65536 + (j + 32768);
  }
}
