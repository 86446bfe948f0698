import { FIRE_COOLDOWN_TICKS } from "@arena/shared/games/arena";

/**
 * Predicts when the server lets the local player fire: the server fires on an input with
 * `fire` when the cooldown has passed (FIRE_COOLDOWN_TICKS ticks, one input per tick) and the
 * player is alive. Stepped once per sampled input.
 */
export class FireGate {
  private ticksLeft = 0;

  /** Advance one input tick; true when this input's fire is expected to shoot. */
  step(wantsFire: boolean, alive: boolean): boolean {
    if (this.ticksLeft > 0) this.ticksLeft--;
    if (!wantsFire || !alive || this.ticksLeft > 0) return false;
    this.ticksLeft = FIRE_COOLDOWN_TICKS;
    return true;
  }
}
