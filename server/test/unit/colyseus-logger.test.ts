import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { colyseusLogger } from "../../src/framework/index.js";

/** A pino logger writing JSON records into an array. */
function capture() {
  const records: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      records.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { base: pino({ level: "trace" }, sink), records };
}

describe("colyseusLogger", () => {
  it("turns Colyseus's console-style calls into pino records tagged component=colyseus", async () => {
    const { base, records } = capture();
    const log = colyseusLogger(base);
    log.info("❌ reconnection token invalid or expired.", { roomId: "r1" });
    log.error("onMessage failed:", new Error("boom"));
    log.warn(new Error("alone"));
    log.debug("health-check", 3);
    await new Promise((r) => setImmediate(r));
    expect(records.map((r) => [r.level, r.component, r.msg])).toEqual([
      [30, "colyseus", "❌ reconnection token invalid or expired. { roomId: 'r1' }"],
      [50, "colyseus", "onMessage failed:"],
      [40, "colyseus", "alone"],
      [20, "colyseus", "health-check 3"],
    ]);
    expect((records[1]!.err as { message: string; stack: string }).message).toBe("boom");
    expect((records[1]!.err as { stack: string }).stack).toMatch(/colyseus-logger\.test/);
  });
});
