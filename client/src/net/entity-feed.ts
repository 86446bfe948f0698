import { Interpolator, type SampleKind } from "./interpolator.js";

/** A keyed collection as the decoded state holds it (a MapSchema keyed by id). */
export interface SyncedCollection<E> {
  forEach(cb: (item: E, id: string) => void): void;
  get(id: string): E | undefined;
}

/** What every drawn item has at least: a position in px. */
export interface Positioned {
  x: number;
  y: number;
}

/**
 * How the client draws one synced collection of a room type besides its players (a ball,
 * pickups, projectiles, NPCs): a MapSchema field of the state, under the name it is declared by
 * in `ClientRoomType.entities`. Every field is optional: `{}` interpolates each item's `x`, `y`
 * and cuts on a change of its `teleports` counter.
 */
export interface EntityCollection<E extends Positioned = Positioned, S = unknown> {
  /** Values to interpolate for one item, e.g. [x, y, spinRad]. Default: [x, y]. */
  values?(item: E, state: S): number[];
  /** Indices in `values` that are angles in radians (interpolated the short way round). */
  angleIndices?: readonly number[];
  /**
   * The item's synced teleport counter (see shared/src/schema/teleports.ts): when it changes
   * between two patches the item is drawn as a cut (a reset, a respawn), never swept across the
   * jump. Default: the item's `teleports` field when it is a number (the server calls
   * `markTeleport(item)` in the tick it moves the item); undefined: the item never teleports.
   */
  teleportCount?(item: E, state: S): number | undefined;
}

const defaultValues = (item: Positioned): number[] => [item.x, item.y];

const defaultTeleportCount = (item: Positioned): number | undefined => {
  const count = (item as { teleports?: unknown }).teleports;
  return typeof count === "number" ? count : undefined;
};

/**
 * One interpolation buffer per item of one synced collection, fed a snapshot per patch and
 * sampled at the session's render time. Items that left the collection (removed, or out of this
 * client's interest area) are forgotten with their buffers; one that comes back starts afresh.
 */
export class EntityFeed<E extends Positioned = Positioned, S = unknown> {
  /** Interpolation buffer of each item drawn, by id. */
  readonly interpolators = new Map<string, Interpolator>();
  /** Each item's teleport counter in the last patch. */
  private readonly teleports = new Map<string, number>();
  /** What interpolated() returns: one array per item, reused frame after frame. */
  private readonly drawn = new Map<string, number[]>();
  private readonly values: (item: E, state: S) => number[];
  private readonly teleportCount: (item: E, state: S) => number | undefined;

  constructor(readonly collection: string, private readonly spec: EntityCollection<E, S>) {
    this.values = spec.values ? (item, state) => spec.values!(item, state) : defaultValues;
    this.teleportCount = spec.teleportCount ? (item, state) => spec.teleportCount!(item, state) : defaultTeleportCount;
  }

  /**
   * One patch: a snapshot at `timeMs` (server timeline) of every item in `items` except
   * `skipId` (the own player, which is predicted); items no longer there are forgotten.
   */
  push(items: SyncedCollection<E> | undefined, state: S, timeMs: number, skipId?: string): void {
    items?.forEach((item, id) => {
      if (id === skipId) return;
      this.interpolatorFor(id).push(timeMs, this.values(item, state), this.teleported(id, item, state));
    });
    for (const id of this.interpolators.keys()) if (!items?.get(id)) this.forget(id);
    for (const id of this.teleports.keys()) if (!items?.get(id)) this.teleports.delete(id);
  }

  /** Values of item `id` at `renderMs` into `out`; "empty" for an item not drawn. */
  sample(id: string, renderMs: number, out: number[]): SampleKind {
    return this.interpolators.get(id)?.sample(renderMs, out) ?? "empty";
  }

  /**
   * Every item's values at `renderMs`, by id. The map and its arrays are reused: read them
   * before the next call.
   */
  sampleAll(renderMs: number): ReadonlyMap<string, readonly number[]> {
    for (const [id, interp] of this.interpolators) {
      let out = this.drawn.get(id);
      if (!out) this.drawn.set(id, (out = []));
      if (interp.sample(renderMs, out) === "empty") this.drawn.delete(id);
    }
    return this.drawn;
  }

  /** Drop every buffered snapshot (a resync draws the next data as is); the items stay known. */
  clear(): void {
    for (const interp of this.interpolators.values()) interp.clear();
  }

  /** Whether item `id`'s teleport counter changed since the last patch (then it is drawn as a cut). */
  private teleported(id: string, item: E, state: S): boolean {
    const count = this.teleportCount(item, state);
    if (count === undefined) return false;
    const last = this.teleports.get(id);
    this.teleports.set(id, count);
    return last !== undefined && last !== count;
  }

  private interpolatorFor(id: string): Interpolator {
    let interp = this.interpolators.get(id);
    if (!interp) {
      interp = new Interpolator({ angleIndices: this.spec.angleIndices ?? [] });
      this.interpolators.set(id, interp);
    }
    return interp;
  }

  private forget(id: string): void {
    this.interpolators.delete(id);
    this.drawn.delete(id);
  }
}

/** The players' feed plus one per declared entity collection, by collection name. */
export class EntityFeeds<S> {
  readonly players: EntityFeed<Positioned, S>;
  private readonly all = new Map<string, EntityFeed<Positioned, S>>();
  /** Whether the declared collections were checked against a state (the first push). */
  private checked = false;

  constructor(players: EntityCollection<never, S>, entities: Readonly<Record<string, EntityCollection<never, S>>> = {}) {
    this.players = new EntityFeed("players", players as EntityCollection<Positioned, S>);
    this.all.set("players", this.players);
    for (const [name, spec] of Object.entries(entities)) {
      if (name === "players") throw new Error("entities: `players` is drawn by remoteValues; declare other collections here");
      this.all.set(name, new EntityFeed(name, spec as EntityCollection<Positioned, S>));
    }
  }

  /** The feed of `collection`; throws for a collection the room type did not declare. */
  get(collection: string): EntityFeed<Positioned, S> {
    const feed = this.all.get(collection);
    if (!feed) throw new Error(`NetSession: no entity collection "${collection}" (declare it in the room type's entities)`);
    return feed;
  }

  /**
   * One patch of `state`: every collection's items, the own player (`ownId`) left to prediction.
   * The first patch checks that every declared collection is a keyed collection of the state:
   * a misspelt or missing one is a room type's mistake, reported by name rather than drawn as
   * nothing.
   */
  push(state: S, timeMs: number, ownId: string): void {
    const fields = state as unknown as Record<string, SyncedCollection<Positioned> | undefined>;
    if (!this.checked) {
      for (const name of this.all.keys()) {
        const field = fields[name] as unknown;
        if (typeof (field as SyncedCollection<Positioned> | undefined)?.forEach !== "function") {
          const names = Object.keys(state as object).filter((k) => !k.startsWith("_") && !k.startsWith("~")).join(", ");
          throw new Error(`the room type declares the entity collection "${name}", but the room's state has no such collection (its fields: ${names})`);
        }
      }
      this.checked = true;
    }
    for (const [name, feed] of this.all) feed.push(fields[name], state, timeMs, name === "players" ? ownId : undefined);
  }

  clear(): void {
    for (const feed of this.all.values()) feed.clear();
  }
}
