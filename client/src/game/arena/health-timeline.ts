/**
 * Health of one remote player on the server's tick timeline, so what is drawn (at the
 * interpolated render tick) shows hits and deaths when the matching positions and tracers show,
 * not a patch-and-interp-delay earlier. It also hides the slide across the map on respawn.
 */
export class HealthTimeline {
  private readonly changes: { tick: number; health: number }[] = [];

  /** Record the health seen in the state at server tick `tick`. */
  observe(tick: number, health: number): void {
    const last = this.changes[this.changes.length - 1];
    if (last && last.health === health) return;
    if (last && tick <= last.tick) {
      last.health = health;
      return;
    }
    this.changes.push({ tick, health });
    if (this.changes.length > 16) this.changes.shift();
  }

  /** Health at (fractional) server tick `tick`: the newest change at or before it, else the oldest known. */
  at(tick: number): number {
    for (let i = this.changes.length - 1; i >= 0; i--) {
      const c = this.changes[i]!;
      if (c.tick <= tick) return c.health;
    }
    return this.changes[0]?.health ?? 0;
  }
}
