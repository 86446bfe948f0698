import type { Client } from "@colyseus/core";
import { StateView, TypeContext, type Schema } from "@colyseus/schema";
import { OWNER_VIEW_TAG } from "@arena/shared";
import type { InterestViewer, SpatialInterest } from "./spatial-interest.js";

/** Entities are schema instances; the framework types them structurally. */
const asRef = (entity: object): Schema => entity as Schema;

interface ViewerEntry<E> extends InterestViewer<E> {
  readonly sessionId: string;
  self: E | undefined;
  /** A spectator: `self` is the player it follows, seen without that player's owner-only fields. */
  readonly spectator: boolean;
}

/**
 * Per-client StateViews, made only when the room's state schema uses `@view` (otherwise Colyseus
 * sends every client the same patch and views would only cost memory).
 *
 * - Owner-only fields: each client's own player is added to its view with OWNER_VIEW_TAG, so
 *   fields tagged `@view(OWNER_VIEW_TAG)` reach that client alone.
 * - Interest management (optional): a {@link SpatialInterest} decides which other entities each
 *   view holds; the client's own player is always in it.
 *
 * Contract: the player object of a session is the one in `players` under its sessionId; if a
 * room type replaces it, the next `update` re-attaches the new one.
 */
export class ClientViews<E extends object> {
  private readonly viewers = new Map<string, ViewerEntry<E>>();

  constructor(private readonly interest: SpatialInterest<E> | null) {}

  /** True when `stateClass` (or any type under it) declares `@view` fields. */
  static needed(stateClass: typeof Schema): boolean {
    return TypeContext.cache(stateClass).hasFilters;
  }

  /** Views currently held (one per connected client). */
  get size(): number {
    return this.viewers.size;
  }

  /**
   * A client joined (or was seated): give it a view holding its own player. A spectator's view
   * holds the player it follows instead (none yet: `update` binds it), owner-only fields excepted.
   */
  attach(client: Client, player: E | undefined, spectator = false): void {
    const view = client.view ?? new StateView();
    client.view = view;
    const entry: ViewerEntry<E> = { sessionId: client.sessionId, view, self: undefined, visible: new Set<E>(), spectator };
    this.viewers.set(client.sessionId, entry);
    this.bind(entry, player);
  }

  /** A client left for good. Its view goes with its Client object. */
  detach(sessionId: string): void {
    this.viewers.delete(sessionId);
  }

  /**
   * Before each patch: re-bind players that were replaced, then (with interest management)
   * recompute what each client sees. `players` is the room's player collection by sessionId;
   * `collections`, when given, are every collection under interest management (players among
   * them, or players are not culled), else the players alone are. `followed(sessionId)`: the
   * player a spectator's view follows (its sessionId in `players`).
   */
  update(
    players: { get(id: string): E | undefined; values(): Iterable<E> },
    collections?: readonly Iterable<E>[],
    followed?: (spectatorId: string) => string | undefined,
  ): void {
    for (const entry of this.viewers.values()) {
      const player = players.get(entry.spectator ? (followed?.(entry.sessionId) ?? "") : entry.sessionId);
      if (player !== entry.self) this.bind(entry, player);
    }
    if (!this.interest) return;
    if (collections) this.interest.updateCollections(collections, this.viewers.values());
    else this.interest.update(players.values(), this.viewers.values());
  }

  private bind(entry: ViewerEntry<E>, player: E | undefined): void {
    if (entry.self && entry.self !== player) entry.view.remove(asRef(entry.self));
    entry.self = player;
    if (!player) return;
    entry.visible.delete(player);
    // With interest management the player itself must be in the view; without, it is shared.
    if (this.interest) entry.view.add(asRef(player));
    if (!entry.spectator) entry.view.add(asRef(player), OWNER_VIEW_TAG);
  }
}
