import { expect, it } from "vitest";
import { runSoak } from "../../src/tools/soak.js";

// 60 s of churn (join, play, leave / drop and reconnect / drop for good) against a real server.
it("60 s soak: no errors, nothing left behind, no heap or handle leak", { timeout: 120_000 }, async () => {
  const report = await runSoak({ durationMs: 60_000, concurrentBots: 24, reconnectGraceSec: 2, seed: 7 });
  console.log(`soak: ${JSON.stringify(report)}`);
  expect(report.errors).toEqual([]);
  expect(report.joins).toBeGreaterThan(300);
  expect(report.drops).toBeGreaterThan(50);
  expect(report.reconnects).toBeGreaterThan(20);
  expect(report.roomsLeft).toBe(0);
  expect(report.clientsLeft).toBe(0);
  // Every bot's sockets and timers are gone.
  expect(report.handlesAfter).toBeLessThanOrEqual(report.handlesBefore);
  // Bound on retained heap after GC: a leak of even 10 KB per bot (~700 bots) would exceed it.
  expect(report.heapAfterMb - report.heapBeforeMb).toBeLessThan(7);
});
