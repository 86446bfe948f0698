import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/test-server.js";
import { dribble, expectCleanDribble } from "../helpers/soccer-dribble.js";

// Soccer at its own rates, 30 Hz ticks and 10 Hz patches (its own file: one room definition per
// name per process). The ball's friction per tick and the players' come from the tick rate,
// so the same rules hold at either rate. The same run at 60/20: soccer-room.test.ts.
const TICK_HZ = 30;
const PATCH_HZ = 10;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { tickHz: TICK_HZ, patchHz: PATCH_HZ } });
});
afterAll(async () => {
  await ts?.close();
});

it("soccer at 30 Hz ticks / 10 Hz patches: dribbling behind 150 ms of latency, zero corrections", async () => {
  const run = await dribble(ts, 120, 150);
  expect([run.rates.tickHz, run.rates.patchHz]).toEqual([TICK_HZ, PATCH_HZ]);
  expectCleanDribble(run);
});
