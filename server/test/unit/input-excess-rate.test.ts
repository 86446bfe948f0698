import { describe, expect, it } from "vitest";
import type { Client, Room } from "@colyseus/core";
import { ClientMessage, CloseCode } from "@arena/shared";
import { arenaInputCodec, arenaInputSchema, type ArenaInput } from "@arena/shared/games/arena";
import { ClientIntake } from "../../src/framework/client-intake.js";
import { DEFAULT_TICK_ROOM_CONFIG } from "../../src/framework/config.js";
import { logger } from "../../src/framework/logger.js";

type Handler = (client: Client, message: unknown) => void;

/**
 * Ticks of a room at `tickHz` until its intake closes a client that sends two inputs every tick
 * (undefined if it is still open after 10 s of the room's ticks).
 */
function ticksUntilFloodClosed(tickHz: number): { ticks: number | undefined; code: number | undefined } {
  const handlers = new Map<string | number, Handler>();
  let closedWith: number | undefined;
  const a = { sessionId: "a", send: () => undefined, leave: (code: number) => { closedWith = code; } } as unknown as Client;
  const room = {
    onMessage: (type: string | number, handler: Handler) => handlers.set(type, handler),
    clients: { getById: (id: string) => (id === "a" && closedWith === undefined ? a : undefined) },
  } as unknown as Room;
  const intake = new ClientIntake<ArenaInput>({
    config: {
      ...DEFAULT_TICK_ROOM_CONFIG,
      tickHz,
      guard: { ...DEFAULT_TICK_ROOM_CONFIG.guard, messagesPerSec: 1e6, messageBurst: 1e6, maxStrikes: 1e6 },
    },
    inputSchema: arenaInputSchema,
    inputCodec: arenaInputCodec,
    log: logger.child({ test: "input-excess-rate" }),
    serverTimeMs: () => 0,
  });
  intake.listen(room);
  intake.add(a);
  const players = new Set(["a"]);
  const size = arenaInputCodec.byteLength;
  let seq = 0;
  for (let tick = 1; tick <= 10 * tickHz; tick++) {
    const bytes = new Uint8Array(2 * size);
    for (let i = 0; i < 2; i++) arenaInputCodec.encode({ seq: ++seq, moveX: 1, moveY: 0, aim: 0, fire: false }, bytes.subarray(i * size, (i + 1) * size));
    handlers.get(ClientMessage.InputPacked)!(a, bytes);
    intake.takeDue(players, () => undefined, 0, 0);
    if (closedWith !== undefined) return { ticks: tick, code: closedWith };
  }
  return { ticks: undefined, code: undefined };
}

describe("input excess at the room's own tick rate", () => {
  it("a flooding client is closed after the same time in a 30 Hz room as in a 60 Hz room (3 one-second windows)", () => {
    const at60 = ticksUntilFloodClosed(60);
    const at30 = ticksUntilFloodClosed(30);
    expect(at60).toEqual({ ticks: 180, code: CloseCode.Abuse });
    expect(at30).toEqual({ ticks: 90, code: CloseCode.Abuse });
  });
});
