import { describe, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { PATCH_HZ, ServerMessage, TICK_HZ, decodeInputStats, encodeInputStats, type InputStatsMessage } from "@arena/shared";
import { arenaGame, ArenaPlayer, type ArenaInput, type ArenaState, type ArenaBody } from "@arena/shared/games/arena";
import { NetSession, SEND_PACE_STEP, SendPacer } from "../src/net/index.js";

/** A colyseus.js Room stand-in: `deliver` plays a server message to the handlers; `sent` counts the inputs sent. */
function fakeRoom() {
  const handlers = new Map<unknown, (message: unknown) => void>();
  const sent: number[] = [];
  const room = {
    sessionId: "me",
    state: { tick: 0, tickHz: TICK_HZ, patchHz: PATCH_HZ, players: new Map([["me", new ArenaPlayer()]]) },
    connection: { isOpen: true, send: () => undefined, transport: {} },
    onMessage: (type: unknown, handler: (message: unknown) => void) => {
      handlers.set(type, handler);
      return () => undefined;
    },
    onStateChange: () => undefined,
    send: () => undefined,
    sendBytes: (_type: unknown, bytes: Uint8Array) => {
      for (let i = 0; i < bytes.byteLength / 13; i++) sent.push(i);
    },
  } as unknown as Room<ArenaState>;
  return { room, sent, deliver: (type: unknown, message: unknown) => handlers.get(type)!(message) };
}

it("shows the server's owner-only input_stats report (input age, queue depth) in the stats snapshot", () => {
  const { room, deliver } = fakeRoom();
  const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, {});
  expect(session.stats()).toMatchObject({ inputAgeMsP50: 0, inputAgeMsP99: 0, inputQueueDepthMean: 0, inputQueueDepthMax: 0 });
  const report: InputStatsMessage = {
    windowTicks: 60, applied: 60, ageMsP50: 31.5, ageMsP99: 48.2, queueDepthMean: 1, queueDepthMin: 0, queueDepthMax: 2, starvedTicks: 0, dropped: 0,
  };
  deliver(ServerMessage.InputStats, encodeInputStats(report, [0, 0, 0, 0, 0, 0, 0, 0, 0]));
  expect(session.stats()).toMatchObject({ inputAgeMsP50: 31.5, inputAgeMsP99: 48.2, inputQueueDepthMean: 1, inputQueueDepthMax: 2 });
  expect(session.inputStats).toEqual(report);
  // Anything that is not a report on the wire is ignored.
  deliver(ServerMessage.InputStats, { ageMsP50: 1 });
  deliver(ServerMessage.InputStats, [1, 2, 3]);
  expect(session.inputStats).toEqual(report);
  session.dispose();
});

it("input_stats goes on the wire as nine small integers and comes back as the report (ages and mean depth to 0.1)", () => {
  const report: InputStatsMessage = {
    windowTicks: 60, applied: 61, ageMsP50: 31.46, ageMsP99: 1048.2, queueDepthMean: 0.33, queueDepthMin: 0, queueDepthMax: 29, starvedTicks: 3, dropped: 7,
  };
  const wire = encodeInputStats(report, [0, 0, 0, 0, 0, 0, 0, 0, 0]);
  expect(wire).toEqual([60, 61, 315, 10482, 3, 0, 29, 3, 7]);
  expect(decodeInputStats(wire)).toEqual({ ...report, ageMsP50: 31.5, queueDepthMean: 0.3 });
  expect(decodeInputStats([60, 61, 315, 10482, 3, 0, 29, 3, -1])).toBeNull();
  expect(decodeInputStats([60, 61, 31.5, 10482, 3, 0, 29, 3, 7])).toBeNull();
});

describe("SendPacer: the input tick follows the server's queue reports", () => {
  const report = (over: Partial<InputStatsMessage>): InputStatsMessage => ({
    windowTicks: 60, applied: 60, ageMsP50: 20, ageMsP99: 30, queueDepthMean: 1, queueDepthMin: 0, queueDepthMax: 2, starvedTicks: 0, dropped: 0, ...over,
  });

  it("slows 2% while the queue stayed 2 or more deep all window, speeds up 2% while a tenth of the ticks starved, else runs at the tick rate", () => {
    const pacer = new SendPacer();
    expect(pacer.scale).toBe(1);
    pacer.onReport(report({ queueDepthMin: 2, queueDepthMean: 3, queueDepthMax: 4 }));
    expect(pacer.scale).toBe(1 - SEND_PACE_STEP);
    pacer.onReport(report({ starvedTicks: 6 }));
    expect(pacer.scale).toBe(1 + SEND_PACE_STEP);
    pacer.onReport(report({ starvedTicks: 5 }));
    expect(pacer.scale).toBe(1);
    pacer.onReport(report({ windowTicks: 0 }));
    expect(pacer.scale).toBe(1);
  });

  it("makes NetSession sample fewer inputs per second while the server reports a needlessly deep queue", () => {
    const { room, deliver, sent } = fakeRoom();
    let nowMs = 0;
    const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaGame, { now: () => nowMs });
    const run = (frames: number) => {
      for (let f = 0; f < frames; f++) {
        nowMs += 1000 / 60;
        session.frame(1000 / 60, () => ({ moveX: 1, moveY: 0, aim: 0, fire: false }));
      }
      const n = sent.length;
      sent.length = 0;
      return n;
    };
    // Inputs sent over ten seconds of 60 Hz frames (a partial batch may be in flight either side: +-1).
    expect(Math.abs(run(600) - 600)).toBeLessThanOrEqual(1);
    deliver(ServerMessage.InputStats, encodeInputStats(report({ queueDepthMin: 3, queueDepthMean: 4, queueDepthMax: 5 }), [0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(Math.abs(run(600) - 588)).toBeLessThanOrEqual(1); // 2% fewer
    deliver(ServerMessage.InputStats, encodeInputStats(report({}), [0, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(Math.abs(run(600) - 600)).toBeLessThanOrEqual(1);
    session.dispose();
  });
});
