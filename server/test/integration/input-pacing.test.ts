import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ErrorCode, TICK_HZ, type InputStatsMessage } from "@arena/shared";
import { guestIdentityProvider } from "../../src/framework/index.js";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** What the worker client reports (see paced-client.worker.mjs). */
interface ClientStats {
  sent: number;
  ack: number;
  pending: number;
  corrections: number;
  maxCorrectionPx: number;
  errors: Record<string, number>;
  inputStats: InputStatsMessage[];
}

/** A real colyseus.js client in a worker thread: it keeps sending while this thread (the server) is blocked. */
class PacedClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<string, (msg: Record<string, unknown>) => void>();
  roomId = "";
  sessionId = "";

  constructor(ts: TestServer, name: string, inputsPerSec: number, perMessage: number) {
    this.worker = new Worker(new URL("../helpers/paced-client.worker.mjs", import.meta.url), {
      workerData: { url: ts.url, token: guestIdentityProvider().issue(name).token, name, inputsPerSec, perMessage },
    });
    this.worker.on("message", (msg: Record<string, unknown>) => {
      const resolve = this.waiting.get(msg.type as string);
      this.waiting.delete(msg.type as string);
      resolve?.(msg);
    });
  }

  async joined(): Promise<void> {
    const msg = await this.reply("joined", null);
    this.roomId = msg.roomId as string;
    this.sessionId = msg.sessionId as string;
  }

  async stop(): Promise<number> {
    return (await this.reply("stopped", "stop")).lastSeq as number;
  }

  async stats(): Promise<ClientStats> {
    return (await this.reply("stats", "stats")) as unknown as ClientStats;
  }

  async close(): Promise<void> {
    await this.reply("left", "leave").catch(() => undefined);
    await this.worker.terminate();
  }

  private reply(type: string, send: string | null, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker: no ${type}`)), timeoutMs);
      this.waiting.set(type, (msg) => {
        clearTimeout(timer);
        resolve(msg);
      });
      if (send) this.worker.postMessage(send);
    });
  }
}

/** Block this thread's event loop, as a CPU-starved or GC-paused server would be. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: nothing else in this process runs meanwhile (the client is in its own thread)
  }
}

const droppedMsOf = (room: ArenaRoom): number => (room as unknown as { loop: { droppedMs: number } }).loop.droppedMs;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

/**
 * A client at 60 Hz, three inputs per message (the browser client), predicting; after a second,
 * the server's event loop is blocked `blocks.length` times for `blockMs`, `gapMs` apart; two
 * seconds later the client stops. Every input must be applied, none refused, and the prediction
 * must never have been corrected.
 */
async function stallScenario(name: string, blockMs: number, blocks: number, gapMs: number): Promise<void> {
  const client = new PacedClient(ts, name, TICK_HZ, 3);
  try {
    await client.joined();
    const room = ts.serverRoom<ArenaRoom>(client.roomId);
    await sleep(1000);
    const droppedMsBefore = droppedMsOf(room);
    for (let b = 0; b < blocks; b++) {
      if (b > 0) await sleep(gapMs);
      await new Promise<void>((resolve) => setTimeout(() => {
        blockEventLoop(blockMs);
        resolve();
      }, 0));
    }
    await sleep(2000);
    const lastSeq = await client.stop();
    const server = room.state.players.get(client.sessionId)!;
    await waitFor(() => server.ack === lastSeq, 5000, "the server to apply every input").catch(() => undefined);
    let stats = await client.stats();
    for (let i = 0; i < 100 && stats.ack !== lastSeq; i++) {
      await sleep(50);
      stats = await client.stats();
    }
    const droppedMs = droppedMsOf(room) - droppedMsBefore;
    console.log(`${name}: ${blocks} x ${blockMs} ms blocked, loop dropped ${Math.round(droppedMs)} ms; inputs dropped ${room.inputsDropped} ` +
      `(input_queue_full ${stats.errors[ErrorCode.InputQueueFull] ?? 0}); corrections ${stats.corrections}, largest ${stats.maxCorrectionPx.toFixed(1)} px; ` +
      `acked ${stats.ack} of ${lastSeq}; reports [age p50, p99, depth mean, max] ${JSON.stringify(stats.inputStats.map((s) => [s.ageMsP50, s.ageMsP99, s.queueDepthMean, s.queueDepthMax]))}`);
    // The stall was real: the loop dropped time it could not catch up.
    expect(droppedMs).toBeGreaterThan(blocks * (blockMs - 150));
    expect(room.inputsDropped).toBe(0);
    expect(stats.errors[ErrorCode.InputQueueFull] ?? 0).toBe(0);
    // The backlog that arrives after a stall is not sending faster than the tick: the stall's ticks count as time.
    expect(stats.errors[ErrorCode.InputRateExceeded] ?? 0).toBe(0);
    expect(stats.ack).toBe(lastSeq);
    expect({ corrections: stats.corrections, maxCorrectionPx: stats.maxCorrectionPx }).toEqual({ corrections: 0, maxCorrectionPx: 0 });
    // The owner-only input report reached the client, with its own figures (a report from before
    // its first input was applied has no ages).
    const withInputs = stats.inputStats.filter((s) => s.applied > 0);
    expect(withInputs.length).toBeGreaterThanOrEqual(2);
    expect(stats.inputStats.every((s) => s.dropped === 0)).toBe(true);
    expect(withInputs.every((s) => s.ageMsP50 > 0 && s.ageMsP99 >= s.ageMsP50)).toBe(true);
    // The last one, two seconds after a single stall, shows the backlog drained: the queue as shallow
    // as before, not a stall's worth deep.
    if (blocks === 1) expect(stats.inputStats.at(-1)!.queueDepthMean).toBeLessThan(3);
  } finally {
    await client.close();
  }
}

it("after the server's event loop is blocked for 500 ms, no input is dropped and the predicting client sees zero corrections", async () => {
  await stallScenario("one stall", 500, 1, 0);
});

it("after two 500 ms blocks 250 ms apart (stalls under sustained load come in runs), no input is dropped and zero corrections", async () => {
  await stallScenario("two stalls", 500, 2, 250);
});

// A client sending twice the tick rate (and faster): hardening/input-speed.test.ts (paced to one
// input per tick from the client's own view of its state, and closed with 4401 within seconds).
