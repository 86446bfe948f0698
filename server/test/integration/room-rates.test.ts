import { afterAll, beforeAll, expect, it } from "vitest";
import type { ArenaState } from "@arena/shared/games/arena";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";
import { driveByFrames } from "../helpers/drive-by-frames.js";

// A room type's own rates (TickRoomConfig tickHz/patchHz) reach its clients at join, and the
// client netcode runs on them: the arena's rooms here tick at 30 Hz and patch at 10 Hz. (Its own
// file: Colyseus's matchmaker is one per process, so one room definition per name per file.)
// The same test at the default 60/20: reconciliation.test.ts.
const TICK_HZ = 30;
const PATCH_HZ = 10;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { tickHz: TICK_HZ, patchHz: PATCH_HZ } });
});
afterAll(async () => {
  await ts?.close();
});

it("the join snapshot carries the room's rates", async () => {
  const room = await ts.client("reader").create<ArenaState>("arena");
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  expect([room.state.tickHz, room.state.patchHz]).toEqual([TICK_HZ, PATCH_HZ]);
  await room.leave();
});

it("a room at 30 Hz ticks / 10 Hz patches: a client rendering frames behind 150 ms of latency predicts 160 inputs with zero corrections", async () => {
  const run = await driveByFrames(ts, 160, 150);
  expect([run.rates.tickHz, run.rates.patchHz], "the rates the server announced").toEqual([TICK_HZ, PATCH_HZ]);
  expect(run.corrections).toBe(0);
  expect(run.allAcked, `all ${run.sent} inputs acked`).toBe(true);
  expect(run.predicted).toEqual(run.server);
  expect(run.serverErrors, "no input refused (queue full, rate exceeded)").toEqual([]);
  // Remote entities are drawn at least one of the room's patch intervals (100 ms) behind: the jitter buffer's floor.
  expect(run.interpDelayMs).toBeGreaterThanOrEqual(1000 / PATCH_HZ);
});
