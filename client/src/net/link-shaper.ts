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

/** One direction of a shaped link: delivers in order, each item no earlier than its own delay. */
export class DelayLine {
  private lastDeliverMs = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

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
    const start = Math.max(nowMs, this.lastDeliverMs - c.latencyMs);
    const deliverMs = Math.max(this.lastDeliverMs, start + transmitMs + c.latencyMs + this.random() * c.jitterMs);
    this.lastDeliverMs = deliverMs;
    if (deliverMs <= nowMs && this.timers.size === 0) {
      run();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, deliverMs - nowMs);
    this.timers.add(timer);
  }

  /** Drop everything in flight. */
  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
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
    dispose: () => {
      down.clear();
      up.clear();
    },
  };
}
