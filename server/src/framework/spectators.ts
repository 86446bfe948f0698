/** Whether join options ask for a spectator seat (`{ spectate: true }`; see docs/protocol.md, Spectators). */
export function isSpectatorSeat(joinOptions: unknown): boolean {
  return typeof joinOptions === "object" && joinOptions !== null && (joinOptions as { spectate?: unknown }).spectate === true;
}

/** The room's players as spectators see them: who is there, in seating order. */
export interface FollowablePlayers {
  has(sessionId: string): boolean;
  keys(): Iterable<string>;
}

/**
 * The spectators of one room and whom each follows. A spectator has no player: it receives what
 * the player it follows receives (with interest management: what is near that player; owner-only
 * fields excepted), and follows the player it chose (`follow`) while that player is in the room,
 * else the first player seated. Game-agnostic; TickRoom owns one.
 */
export class Spectators {
  /** Spectator sessionId -> followed player's sessionId ("" while the room has no player). */
  private readonly following = new Map<string, string>();
  /** Spectator sessionId -> the player it asked to follow. */
  private readonly chosen = new Map<string, string>();

  get size(): number {
    return this.following.size;
  }

  has(sessionId: string): boolean {
    return this.following.has(sessionId);
  }

  add(sessionId: string): void {
    this.following.set(sessionId, "");
  }

  remove(sessionId: string): void {
    this.following.delete(sessionId);
    this.chosen.delete(sessionId);
  }

  /** Follow `playerId` from now on; false (nothing changes) when no such player is in the room. */
  choose(sessionId: string, playerId: string, players: FollowablePlayers): boolean {
    if (!this.has(sessionId) || !players.has(playerId)) return false;
    this.chosen.set(sessionId, playerId);
    return true;
  }

  /** The player `sessionId` follows now (as of the last `refresh`), or undefined ("" for none) for a non-spectator. */
  followed(sessionId: string): string | undefined {
    return this.following.get(sessionId);
  }

  /**
   * Re-decide whom each spectator follows (its choice while that player is present, else the one
   * it followed, else the first player) and report each change (the room tells that spectator).
   */
  refresh(players: FollowablePlayers, changed: (spectatorId: string, playerId: string) => void): void {
    for (const [spectatorId, current] of this.following) {
      const choice = this.chosen.get(spectatorId);
      let next = choice !== undefined && players.has(choice) ? choice : current && players.has(current) ? current : "";
      if (!next) for (const id of players.keys()) { next = id; break; }
      if (next === current) continue;
      this.following.set(spectatorId, next);
      changed(spectatorId, next);
    }
  }
}
