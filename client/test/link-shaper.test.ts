import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DelayLine, shapeConnection } from "../src/net/link-shaper.js";

/** A seeded stand-in for Math.random, so a failure reproduces. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe("DelayLine", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps order under jitter, even when deliveries are less than 1 ms apart (timers count whole ms)", () => {
    const now = () => performance.now();
    const line = new DelayLine(() => ({ latencyMs: 100, jitterMs: 30, bandwidthBytesPerSec: 0 }), seeded(7), now);
    const delivered: { i: number; atMs: number }[] = [];
    const dueMs: number[] = [];
    for (let i = 0; i < 600; i++) {
      // Sends at a 60 Hz-ish cadence with sub-millisecond offsets, like inputs sampled in rAF.
      vi.advanceTimersByTime(16.3 + (i % 3) * 0.35);
      dueMs.push(now() + 100);
      line.push(20, () => delivered.push({ i, atMs: now() }));
    }
    vi.advanceTimersByTime(1000);
    expect(delivered.map((d) => d.i)).toEqual(dueMs.map((_, i) => i));
    // Never earlier than the simulated latency.
    for (const d of delivered) expect(d.atMs).toBeGreaterThanOrEqual(dueMs[d.i]! - 1e-9);
  });

  it("jitter adds at most its own range per item: it does not pile up into extra latency", () => {
    const now = () => performance.now();
    const line = new DelayLine(() => ({ latencyMs: 100, jitterMs: 30, bandwidthBytesPerSec: 0 }), seeded(3), now);
    const delays: number[] = [];
    for (let i = 0; i < 600; i++) {
      vi.advanceTimersByTime(1000 / 60);
      const sentMs = now();
      line.push(20, () => delays.push(now() - sentMs));
    }
    vi.advanceTimersByTime(1000);
    expect(delays.length).toBe(600);
    // In-order delivery can hold an item behind a slower one sent before it, never beyond the jitter range.
    // (Timers fire on whole ms, so allow 2 ms of rounding.)
    expect(Math.max(...delays)).toBeLessThanOrEqual(100 + 30 + 2);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(100);
  });

  it("a bandwidth cap queues transmission", () => {
    const now = () => performance.now();
    // 1000 B/s: a 100-byte item takes 100 ms to send.
    const line = new DelayLine(() => ({ latencyMs: 10, jitterMs: 0, bandwidthBytesPerSec: 1000 }), () => 0, now);
    const at: number[] = [];
    const t0 = now();
    for (let i = 0; i < 3; i++) line.push(100, () => at.push(now() - t0));
    vi.advanceTimersByTime(1000);
    expect(at.map(Math.round)).toEqual([110, 210, 310]);
  });

  it("clear() drops what is in flight", () => {
    const line = new DelayLine(() => ({ latencyMs: 50, jitterMs: 0, bandwidthBytesPerSec: 0 }), () => 0, () => performance.now());
    const delivered: number[] = [];
    line.push(1, () => delivered.push(1));
    line.clear();
    line.push(1, () => delivered.push(2));
    vi.advanceTimersByTime(100);
    expect(delivered).toEqual([2]);
  });
});

describe("shapeConnection", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("dispose delivers what is in flight at once, in order, and hands later messages straight to the connection", () => {
    const received: unknown[] = [];
    const sent: number[] = [];
    const ws: { onmessage: ((ev: { data: unknown }) => void) | null } = { onmessage: (ev) => received.push(ev.data) };
    const connection = { send: (data: Uint8Array) => sent.push(data[0]!), transport: { ws } };
    const shaped = shapeConnection(connection, () => ({ latencyMs: 100, jitterMs: 0, bandwidthBytesPerSec: 0 }));
    ws.onmessage!({ data: "patch 1" });
    ws.onmessage!({ data: "patch 2" });
    connection.send(Uint8Array.of(7));
    vi.advanceTimersByTime(10);
    expect([received, sent]).toEqual([[], []]);
    shaped.dispose();
    expect([received, sent]).toEqual([["patch 1", "patch 2"], [7]]);
    // After dispose: no delay, and nothing comes out of the old lines later.
    ws.onmessage!({ data: "leave" });
    connection.send(Uint8Array.of(8));
    expect([received, sent]).toEqual([["patch 1", "patch 2", "leave"], [7, 8]]);
    vi.advanceTimersByTime(1000);
    expect([received, sent]).toEqual([["patch 1", "patch 2", "leave"], [7, 8]]);
    expect(shaped.bytesReceived()).toBe("patch 1".length + "patch 2".length);
  });
});
