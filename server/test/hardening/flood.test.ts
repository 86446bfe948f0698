import { afterAll, beforeAll, expect, it } from "vitest";
import { CloseCode, ErrorCode, ServerMessage, TICK_HZ, type ErrorMessage } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { collect, sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

it("throttles then kicks a client sending 10x the input rate; others are unaffected", async () => {
  const honest = await ts.client().joinOrCreate<ArenaState>("arena", { name: "honest" });
  honest.onMessage("*", () => undefined);
  const flooder = await ts.client().joinById<ArenaState>(honest.roomId, { name: "flooder" });
  const errors = collect<ErrorMessage>(flooder, ServerMessage.Error);
  flooder.onMessage("*", () => undefined);
  let closeCode = 0;
  flooder.onLeave((c) => { closeCode = c; });
  await waitFor(() => honest.state.players?.get(honest.sessionId), 3000, "honest player");

  let honestSeq = 0;
  let floodSeq = 0;
  const start = performance.now();
  // 2 s: honest at 60/s, flooder at 600/s (10 inputs every honest tick).
  while (performance.now() - start < 2000) {
    honest.send("input", { seq: ++honestSeq, moveX: 0, moveY: 1, aim: 0, fire: false });
    if (closeCode === 0) {
      for (let i = 0; i < 10; i++) flooder.send("input", { seq: ++floodSeq, moveX: 1, moveY: 0, aim: 0, fire: false });
    }
    await sleep(Math.max(0, start + (honestSeq * 1000) / TICK_HZ - performance.now()));
  }
  await waitFor(() => closeCode !== 0, 3000, "flooder kicked");
  expect(closeCode).toBe(CloseCode.Abuse);
  // It was told why before the kick: its queue overflowed and/or it hit the rate limit.
  expect(errors.length).toBeGreaterThan(0);
  expect(errors.every((e) => e.code === ErrorCode.RateLimited || e.code === ErrorCode.InputQueueFull)).toBe(true);
  // Error replies are themselves rate limited, so a flood cannot be amplified.
  expect(errors.length).toBeLessThan(30);
  const me = honest.state.players.get(honest.sessionId)!;
  await waitFor(() => me.ack === honestSeq, 3000, "every honest input applied");
  await honest.leave();
});
