/** Result of sampling an entity's snapshot buffer. */
export type SampleKind = "interpolated" | "extrapolated" | "held" | "empty";

interface Snapshot {
  timeMs: number;
  values: number[];
}

export interface InterpolatorOptions {
  /** Indices of values that are angles in radians (interpolated the short way round). */
  angleIndices?: readonly number[];
  /** Longest extrapolation past the newest snapshot before holding still, in ms. */
  maxExtrapolateMs?: number;
  /** Snapshots older than this behind the newest are dropped, in ms. */
  keepMs?: number;
}

function lerpAngle(a: number, b: number, t: number): number {
  let d = (b - a) % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  if (d < -Math.PI) d += 2 * Math.PI;
  return a + d * t;
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

  constructor(options: InterpolatorOptions = {}) {
    this.angle = new Set(options.angleIndices ?? []);
    this.maxExtrapolateMs = options.maxExtrapolateMs ?? 250;
    this.keepMs = options.keepMs ?? 1000;
  }

  /** Add a snapshot. Out-of-order or duplicate times are ignored. */
  push(timeMs: number, values: readonly number[]): void {
    const last = this.buffer[this.buffer.length - 1];
    if (last && timeMs <= last.timeMs) {
      if (timeMs === last.timeMs) last.values = [...values];
      return;
    }
    this.buffer.push({ timeMs, values: [...values] });
    while (this.buffer.length > 2 && this.buffer[0]!.timeMs < timeMs - this.keepMs) this.buffer.shift();
  }

  clear(): void {
    this.buffer.length = 0;
  }

  get size(): number {
    return this.buffer.length;
  }

  /** Newest snapshot time, or -Infinity. */
  get newestMs(): number {
    return this.buffer[this.buffer.length - 1]?.timeMs ?? -Infinity;
  }

  /** Write the entity's values at `renderMs` into `out`. */
  sample(renderMs: number, out: number[]): SampleKind {
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
        this.blend(a, b, (renderMs - a.timeMs) / (b.timeMs - a.timeMs), out);
        return "interpolated";
      }
    }
    // Past the newest snapshot: continue the last motion briefly, then hold.
    const a = this.buffer[n - 2]!;
    const b = this.buffer[n - 1]!;
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
