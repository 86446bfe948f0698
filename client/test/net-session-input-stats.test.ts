import { expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ArenaPlayer, PATCH_HZ, ServerMessage, TICK_HZ, type ArenaInput, type ArenaState, type InputStatsMessage } from "@arena/shared";
import { NetSession } from "../src/net/index.js";
import { arenaClientType, type ArenaBody } from "../src/game/arena/arena-room-type.js";

it("shows the server's owner-only input_stats report (input age, queue depth) in the stats snapshot", () => {
  const handlers = new Map<unknown, (message: unknown) => void>();
  const room = {
    sessionId: "me",
    state: { tick: 0, players: new Map([["me", new ArenaPlayer()]]) },
    connection: { isOpen: true, send: () => undefined, transport: {} },
    onMessage: (type: unknown, handler: (message: unknown) => void) => {
      handlers.set(type, handler);
      return () => undefined;
    },
    onStateChange: () => undefined,
    send: () => undefined,
    sendBytes: () => undefined,
  } as unknown as Room<ArenaState>;
  const session = new NetSession<ArenaState, ArenaPlayer, ArenaBody, ArenaInput>(room, arenaClientType, { tickHz: TICK_HZ, patchHz: PATCH_HZ });
  expect(session.stats()).toMatchObject({ inputAgeMsP50: 0, inputAgeMsP99: 0, inputQueueDepthMean: 0, inputQueueDepthMax: 0 });
  const report: InputStatsMessage = {
    windowTicks: 60, applied: 60, ageMsP50: 31.5, ageMsP99: 48.2, queueDepthMean: 1, queueDepthMin: 0, queueDepthMax: 2, starvedTicks: 0, dropped: 0,
  };
  handlers.get(ServerMessage.InputStats)!(report);
  expect(session.stats()).toMatchObject({ inputAgeMsP50: 31.5, inputAgeMsP99: 48.2, inputQueueDepthMean: 1, inputQueueDepthMax: 2 });
  expect(session.inputStats).toEqual(report);
  session.dispose();
});
