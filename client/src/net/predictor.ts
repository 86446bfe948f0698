/** A predicted body: anything with a 2D position the shared sim moves. */
export interface PredictedBody {
  x: number;
  y: number;
}

export interface PredictorOptions<B extends PredictedBody, I extends { seq: number }> {
  /** The shared, pure simulation step (the same function the server runs). Mutates `body`. */
  step(body: B, input: I): void;
  /** Copy every simulated field from `from` to `to`. */
  copy(from: Readonly<B>, to: B): void;
  /** Visual errors above this are snapped instead of smoothed, in px. */
  snapDistancePx?: number;
  /** Time constant of the visual error smoothing, in ms. */
  smoothingMs?: number;
  /** Pending inputs kept at most (oldest dropped: the server will never ack them). */
  maxPending?: number;
}

/**
 * Client-side prediction with server reconciliation for the local player.
 * Inputs are applied at once; each authoritative state (body + last acked seq) replaces the
 * prediction, unacked inputs are replayed, and any difference becomes a visual offset that
 * decays (or snaps when large). With a deterministic shared step, corrections stay at zero.
 * A state the server marks as a teleport (it moved the body outside the step, e.g. a respawn)
 * is not compared with the prediction at all: it is taken as it is and counted apart.
 */
export class Predictor<B extends PredictedBody, I extends { seq: number }> {
  /** Predicted state after the newest input. */
  readonly current: B;
  /** Predicted state one input earlier (for render interpolation). */
  readonly previous: B;
  private readonly pending: I[] = [];
  private readonly options: Required<Omit<PredictorOptions<B, I>, "step" | "copy">> & PredictorOptions<B, I>;
  /** Visual offset still being smoothed away, in px. */
  errorX = 0;
  errorY = 0;
  /** Reconciliations whose replayed result differed from the prediction. */
  corrections = 0;
  /** Size of the most recent correction, in px. */
  lastCorrectionPx = 0;
  /** Reconciliations marked as server teleports (taken as they are; never counted in `corrections`). */
  teleports = 0;
  lastAck = 0;

  constructor(initial: B, makeBody: () => B, options: PredictorOptions<B, I>) {
    this.options = { snapDistancePx: 96, smoothingMs: 100, maxPending: 600, ...options };
    this.current = makeBody();
    this.previous = makeBody();
    options.copy(initial, this.current);
    options.copy(initial, this.previous);
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Apply a freshly sampled input locally and remember it until the server acks it. */
  applyLocal(input: I): void {
    this.options.copy(this.current, this.previous);
    this.options.step(this.current, input);
    this.pending.push(input);
    if (this.pending.length > this.options.maxPending) this.pending.shift();
  }

  /**
   * Reconcile against the server: `server` is the authoritative body after input `ack`.
   * Returns the size of the correction in px (0 when the prediction was right).
   *
   * `teleported`: the server moved the body outside the shared step since the previous
   * reconcile (a respawn; the room type's synced teleport counter changed). The prediction could
   * not have foreseen that, so the difference is no misprediction: the body cuts to the server's
   * state with the unacked inputs replayed (which the server applies after the teleport too), any
   * smoothing still in progress is dropped, `teleports` counts it, and 0 is returned.
   */
  reconcile(server: Readonly<B>, ack: number, teleported = false): number {
    this.lastAck = ack;
    while (this.pending.length > 0 && this.pending[0]!.seq <= ack) this.pending.shift();
    if (teleported) {
      this.cutTo(server);
      this.teleports++;
      return 0;
    }
    const oldX = this.current.x;
    const oldY = this.current.y;
    this.options.copy(server, this.current);
    for (const input of this.pending) this.options.step(this.current, input);
    const dx = oldX - this.current.x;
    const dy = oldY - this.current.y;
    const errorPx = Math.sqrt(dx * dx + dy * dy);
    if (errorPx === 0) return 0;
    this.corrections++;
    this.lastCorrectionPx = errorPx;
    // Keep the drawn position continuous: shift `previous` into the corrected frame too.
    this.previous.x -= dx;
    this.previous.y -= dy;
    if (errorPx > this.options.snapDistancePx) {
      this.errorX = 0;
      this.errorY = 0;
      this.options.copy(this.current, this.previous);
    } else {
      this.errorX += dx;
      this.errorY += dy;
    }
    return errorPx;
  }

  /**
   * Replace the prediction by `server` with the pending inputs replayed, `previous` one input
   * before the end (so render interpolation runs on the new side of the cut), and no visual offset.
   */
  private cutTo(server: Readonly<B>): void {
    this.options.copy(server, this.current);
    const last = this.pending.length - 1;
    for (let i = 0; i < last; i++) this.options.step(this.current, this.pending[i]!);
    this.options.copy(this.current, this.previous);
    if (last >= 0) this.options.step(this.current, this.pending[last]!);
    this.errorX = 0;
    this.errorY = 0;
  }

  /** Decay the visual error over one rendered frame of `frameMs`. */
  decayError(frameMs: number): void {
    const keep = Math.exp(-frameMs / this.options.smoothingMs);
    this.errorX *= keep;
    this.errorY *= keep;
    if (Math.abs(this.errorX) < 0.01 && Math.abs(this.errorY) < 0.01) this.errorX = this.errorY = 0;
  }

  /** Where to draw the body: between the last two predicted ticks at `alpha` (0..1), plus the smoothing offset. */
  renderPosition(alpha: number): { x: number; y: number } {
    return {
      x: this.previous.x + (this.current.x - this.previous.x) * alpha + this.errorX,
      y: this.previous.y + (this.current.y - this.previous.y) * alpha + this.errorY,
    };
  }
}
