/** Why an input was not queued. */
export type InputRejection = "stale" | "too-far-ahead" | "queue-full";

export interface InputQueueOptions {
  /** Most inputs held per client (older ones are applied first). */
  capacity: number;
  /** A seq more than this far beyond the last received one is refused. */
  maxSeqJump: number;
}

/**
 * One client's pending inputs, in seq order. Seqs must strictly increase;
 * anything else is refused and counted, never reordered.
 */
export class InputQueue<I extends { seq: number }> {
  /** A ring of `capacity` slots: no allocation or element shifting per input. */
  private readonly ring: (I | undefined)[];
  /** Per slot: when the input was sampled, on the server's clock as far as it knows (see push). */
  private readonly stampsMs: Float64Array;
  private head = 0;
  private count = 0;
  /** Highest seq accepted so far (0 before the first input). */
  lastReceivedSeq = 0;
  dropped = 0;

  constructor(private readonly options: InputQueueOptions) {
    this.ring = new Array<I | undefined>(Math.max(1, options.capacity)).fill(undefined);
    this.stampsMs = new Float64Array(this.ring.length);
  }

  get length(): number {
    return this.count;
  }

  /**
   * Queue an input, or say why not (and count it as dropped). `stampMs` is when it was sampled
   * as far as the server can tell (arrival minus the ticks it waited in its batch at the client),
   * in ms on the server's monotonic clock; `headStampMs` hands it back for the input age.
   */
  push(input: I, stampMs = 0): InputRejection | null {
    let rejection: InputRejection | null = null;
    if (!(input.seq > this.lastReceivedSeq)) rejection = "stale";
    else if (input.seq > this.lastReceivedSeq + this.options.maxSeqJump) rejection = "too-far-ahead";
    else if (this.count >= this.options.capacity) rejection = "queue-full";
    if (rejection) {
      this.dropped++;
      return rejection;
    }
    this.lastReceivedSeq = input.seq;
    const slot = (this.head + this.count) % this.ring.length;
    this.ring[slot] = input;
    this.stampsMs[slot] = stampMs;
    this.count++;
    return null;
  }

  /** The `stampMs` the oldest input was pushed with (0 when the queue is empty). */
  get headStampMs(): number {
    return this.count === 0 ? 0 : this.stampsMs[this.head]!;
  }

  /** Remove and return the oldest input, if any. */
  shift(): I | undefined {
    if (this.count === 0) return undefined;
    const input = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.count--;
    return input;
  }
}
