/** Simulated network conditions added on top of the real link. */
export interface LinkConditions {
  /** Added one-way delay, each direction, in ms (RTT grows by twice this). */
  latencyMs: number;
  /** Extra random one-way delay, uniform in [0, jitterMs], in ms. Order is kept. */
  jitterMs: number;
  /** Cap on throughput each direction in bytes/s; 0 = unlimited. */
  bandwidthBytesPerSec: number;
}

export const NO_CONDITIONS: LinkConditions = { latencyMs: 0, jitterMs: 0, bandwidthBytesPerSec: 0 };

/**
 * One direction of a shaped link: delivers in order, each item no earlier than its own delay.
 * Due items wait in one FIFO behind one timer: separate timers per item could fire out of order,
 * because browsers truncate setTimeout delays to whole ms (two deliveries under 1 ms apart swapped,
 * which reordered inputs and state patches under jitter).
 */
export class DelayLine {
  private lastDeliverMs = 0;
  /** When the simulated link finishes sending what it was given so far (bandwidth cap). */
  private lastSentMs = 0;
  private readonly queue: { atMs: number; run: () => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly conditions: () => LinkConditions,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Deliver `run` after the simulated delay, never before anything pushed earlier. */
  push(sizeBytes: number, run: () => void): void {
    const c = this.conditions();
    const nowMs = this.now();
    const transmitMs = c.bandwidthBytesPerSec > 0 ? (sizeBytes / c.bandwidthBytesPerSec) * 1000 : 0;
    // Transmission queues behind earlier items (the bandwidth cap); latency and jitter do not:
    // each item's own jitter is drawn afresh, and order is kept by waiting for the one before.
    this.lastSentMs = Math.max(nowMs, this.lastSentMs) + transmitMs;
    const deliverMs = Math.max(this.lastDeliverMs, this.lastSentMs + c.latencyMs + this.random() * c.jitterMs);
    this.lastDeliverMs = deliverMs;
    if (deliverMs <= nowMs && this.queue.length === 0) {
      run();
      return;
    }
    this.queue.push({ atMs: deliverMs, run });
    if (this.timer === null) this.schedule();
  }

  /** Deliver everything in flight now, in order (the line is being taken down). */
  deliverAll(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const items = this.queue.splice(0);
    for (const item of items) item.run();
  }

  /** Drop everything in flight. */
  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.ceil(head.atMs - this.now())));
  }

  /** Deliver every item that is due, oldest first, then wait for the next one. */
  private flush(): void {
    this.timer = null;
    const nowMs = this.now();
    try {
      while (this.queue.length > 0 && this.queue[0]!.atMs <= nowMs) this.queue.shift()!.run();
    } finally {
      // A delivery that throws must not stall the line.
      if (this.timer === null) this.schedule();
    }
  }
}

/** The parts of colyseus.js's Connection a shaper touches. */
export interface ShapeableConnection {
  send(data: Uint8Array): void;
  transport: unknown;
}

interface WsLike {
  onmessage: ((ev: { data: unknown }) => void) | null;
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return data.length;
  return 0;
}

/**
 * Wrap a live colyseus.js connection: count bytes received and, when conditions are set,
 * delay both directions in order. Returns a function reporting bytes received so far.
 */
export function shapeConnection(
  connection: ShapeableConnection,
  conditions: () => LinkConditions,
): { bytesReceived: () => number; dispose: () => void } {
  const ws = (connection.transport as { ws?: WsLike }).ws;
  let received = 0;
  const down = new DelayLine(conditions);
  const up = new DelayLine(conditions);
  const originalSend = connection.send.bind(connection);
  connection.send = (data: Uint8Array) => {
    const c = conditions();
    if (c.latencyMs === 0 && c.jitterMs === 0 && c.bandwidthBytesPerSec === 0) return originalSend(data);
    // colyseus.js sends views into a reused buffer: copy before delaying
    // (Buffer#slice would only make another view).
    const copy = new Uint8Array(data.byteLength);
    copy.set(data);
    up.push(copy.byteLength, () => originalSend(copy));
  };
  const originalOnMessage = ws?.onmessage ?? null;
  if (ws && originalOnMessage) {
    ws.onmessage = (ev) => {
      const size = byteLength(ev.data);
      received += size;
      const c = conditions();
      if (c.latencyMs === 0 && c.jitterMs === 0 && c.bandwidthBytesPerSec === 0) originalOnMessage.call(ws, ev);
      else down.push(size, () => originalOnMessage.call(ws, ev));
    };
  }
  return {
    bytesReceived: () => received,
    /**
     * Take the shaping off: what is in flight is delivered at once, in order, and the
     * connection's own send and onmessage are put back, so messages after this (a leave, the
     * last patches) are handled as colyseus.js would without a shaper. Dropping or still
     * delaying them would hand the decoder patches out of step with the room it left.
     */
    dispose: () => {
      connection.send = originalSend;
      if (ws && originalOnMessage) ws.onmessage = originalOnMessage;
      up.deliverAll();
      down.deliverAll();
    },
  };
}
