/** Result of sampling an entity's snapshot buffer. */
export type SampleKind = "interpolated" | "extrapolated" | "held" | "empty";

interface Snapshot {
  timeMs: number;
  values: number[];
  /** The entity was teleported since the snapshot before: never drawn between the two. */
  cut: boolean;
}

export interface InterpolatorOptions {
  /** Indices of values that are angles in radians (interpolated the short way round). */
  angleIndices?: readonly number[];
  /** Longest extrapolation past the newest snapshot before holding still, in ms. */
  maxExtrapolateMs?: number;
  /** Snapshots older than this behind the newest are dropped, in ms. */
  keepMs?: number;
  /**
   * When a snapshot arrives that disagrees with what was extrapolated (the entity stopped or
   * turned while its patch was late), the difference is blended away over this long instead of
   * drawn as a jump, in ms. 0 jumps.
   */
  smoothMs?: number;
}

/** b - a the short way round, in (-π, π]. */
function angleDelta(a: number, b: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return d;
}

function lerpAngle(a: number, b: number, t: number): number {
  return a + angleDelta(a, b) * t;
}

/**
 * Snapshot interpolation for one remote entity: a buffer of timestamped value vectors
 * (server timeline, ms), sampled at a render time a little in the past.
 */
export class Interpolator {
  private readonly buffer: Snapshot[] = [];
  private readonly angle: ReadonlySet<number>;
  private readonly maxExtrapolateMs: number;
  private readonly keepMs: number;
  private readonly smoothMs: number;
  /** The previous sample: its time, kind and values (to see a correction coming). */
  private lastRenderMs = 0;
  private lastKind: SampleKind = "empty";
  private readonly lastOut: number[] = [];
  /** Set by a push after an extrapolated sample: the next sample measures the jump. */
  private correctionDue = false;
  /** What is still being blended away (drawn - true), fading to 0 by `offsetEndMs`. */
  private readonly offset: number[] = [];
  private offsetStartMs = 0;
  private offsetEndMs = 0;
  private readonly scratch: number[] = [];

  constructor(options: InterpolatorOptions = {}) {
    this.angle = new Set(options.angleIndices ?? []);
    this.maxExtrapolateMs = options.maxExtrapolateMs ?? 250;
    this.keepMs = options.keepMs ?? 1000;
    this.smoothMs = options.smoothMs ?? 100;
  }

  /**
   * Add a snapshot. Out-of-order or duplicate times are ignored.
   *
   * `cut`: the server teleported the entity since the previous snapshot (a respawn; see
   * ClientRoomType.teleportCount). Between the two it is drawn where it was, from this
   * snapshot's time on where it landed: never on the line between, never extrapolated across the
   * jump, and a late snapshot's jump is not blended in either.
   */
  push(timeMs: number, values: readonly number[], cut = false): void {
    const last = this.buffer[this.buffer.length - 1];
    if (last && timeMs <= last.timeMs) {
      if (timeMs === last.timeMs) {
        last.values = [...values];
        last.cut ||= cut;
      }
      return;
    }
    this.buffer.push({ timeMs, values: [...values], cut });
    while (this.buffer.length > 2 && this.buffer[0]!.timeMs < timeMs - this.keepMs) this.buffer.shift();
    if (cut) this.correctionDue = false;
    else if (this.lastKind === "extrapolated" || this.lastKind === "held") this.correctionDue = true;
  }

  /** Forget every snapshot and any correction in progress (a resync draws the new data as is). */
  clear(): void {
    this.buffer.length = 0;
    this.lastKind = "empty";
    this.correctionDue = false;
    this.offsetEndMs = this.offsetStartMs = 0;
  }

  get size(): number {
    return this.buffer.length;
  }

  /** Newest snapshot time, or -Infinity. */
  get newestMs(): number {
    return this.buffer[this.buffer.length - 1]?.timeMs ?? -Infinity;
  }

  /**
   * Write the entity's values at `renderMs` into `out`: interpolated between the snapshots around
   * it, extrapolated briefly past the newest, plus what remains of a smoothed correction.
   */
  sample(renderMs: number, out: number[]): SampleKind {
    const kind = this.sampleRaw(renderMs, out);
    if (kind === "empty") return kind;
    if (this.correctionDue) this.startCorrection();
    this.applyOffset(renderMs, out);
    this.lastRenderMs = renderMs;
    this.lastKind = kind;
    for (let i = 0; i < out.length; i++) this.lastOut[i] = out[i]!;
    this.lastOut.length = out.length;
    return kind;
  }

  /**
   * A snapshot arrived after frames drawn past the newest one: compare what the last frame drew
   * with what the buffer now says for that same time, and blend the difference away from there.
   * Only while the entity was extrapolated or held: interpolated frames were already right.
   */
  private startCorrection(): void {
    this.correctionDue = false;
    if (this.smoothMs <= 0) return;
    this.sampleRaw(this.lastRenderMs, this.scratch);
    for (let i = 0; i < this.scratch.length; i++) {
      const drawn = this.lastOut[i] ?? this.scratch[i]!;
      this.offset[i] = this.angle.has(i) ? -angleDelta(drawn, this.scratch[i]!) : drawn - this.scratch[i]!;
    }
    this.offset.length = this.scratch.length;
    this.offsetStartMs = this.lastRenderMs;
    this.offsetEndMs = this.lastRenderMs + this.smoothMs;
  }

  private applyOffset(renderMs: number, out: number[]): void {
    if (renderMs >= this.offsetEndMs) return;
    const left = (this.offsetEndMs - Math.max(renderMs, this.offsetStartMs)) / (this.offsetEndMs - this.offsetStartMs);
    for (let i = 0; i < out.length; i++) out[i] = out[i]! + (this.offset[i] ?? 0) * left;
  }

  private sampleRaw(renderMs: number, out: number[]): SampleKind {
    const n = this.buffer.length;
    if (n === 0) return "empty";
    const first = this.buffer[0]!;
    if (n === 1 || renderMs <= first.timeMs) {
      this.copy(renderMs <= first.timeMs ? first : this.buffer[n - 1]!, out);
      return "held";
    }
    for (let i = n - 1; i > 0; i--) {
      const a = this.buffer[i - 1]!;
      const b = this.buffer[i]!;
      if (renderMs >= a.timeMs && renderMs <= b.timeMs) {
        if (b.cut) this.copy(renderMs < b.timeMs ? a : b, out);
        else this.blend(a, b, (renderMs - a.timeMs) / (b.timeMs - a.timeMs), out);
        return "interpolated";
      }
    }
    // Past the newest snapshot: continue the last motion briefly, then hold.
    const a = this.buffer[n - 2]!;
    const b = this.buffer[n - 1]!;
    if (b.cut) {
      this.copy(b, out);
      return "held";
    }
    const aheadMs = Math.min(renderMs - b.timeMs, this.maxExtrapolateMs);
    this.blend(a, b, 1 + aheadMs / (b.timeMs - a.timeMs), out);
    return renderMs - b.timeMs <= this.maxExtrapolateMs ? "extrapolated" : "held";
  }

  private copy(s: Snapshot, out: number[]): void {
    for (let i = 0; i < s.values.length; i++) out[i] = s.values[i]!;
  }

  private blend(a: Snapshot, b: Snapshot, t: number, out: number[]): void {
    for (let i = 0; i < b.values.length; i++) {
      const va = a.values[i] ?? b.values[i]!;
      const vb = b.values[i]!;
      out[i] = this.angle.has(i) ? lerpAngle(va, vb, t) : va + (vb - va) * t;
    }
  }
}
