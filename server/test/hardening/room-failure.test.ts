import { afterAll, beforeAll, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import { CloseCode } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import type { TickContext } from "../../src/framework/index.js";
import { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** An arena whose tick throws once a player asks for it (by sending fire). */
class FaultyRoom extends ArenaRoom {
  private armed = false;
  protected override applyInput(sessionId: string, input: Parameters<ArenaRoom["applyInput"]>[1], ctx: TickContext): void {
    if (input.fire) this.armed = true;
    super.applyInput(sessionId, input, ctx);
  }
  protected override stepWorld(ctx: TickContext): void {
    if (this.armed) throw new Error("deliberate failure in stepWorld");
    super.stepWorld(ctx);
  }
}

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
  ts.server.gameServer.define("faulty", FaultyRoom, { serverConfig: { reconnectGraceSec: 0 } });
});
afterAll(async () => {
  await ts?.close();
});

it("a room that throws in its tick is closed; other rooms and the process keep running", async () => {
  const healthy = await ts.client().joinOrCreate<ArenaState>("arena", { name: "healthy" });
  healthy.onMessage("*", () => undefined);
  const victim = await ts.client().joinOrCreate<ArenaState>("faulty", { name: "victim" });
  victim.onMessage("*", () => undefined);
  let victimCode = 0;
  victim.onLeave((c) => { victimCode = c; });
  victim.send("input", { seq: 1, moveX: 0, moveY: 0, aim: 0, fire: true });
  await waitFor(() => victimCode !== 0, 5000, "faulty room closes its clients");
  expect(victimCode).toBe(CloseCode.RoomError);
  await waitFor(() => !matchMaker.getLocalRoomById(victim.roomId), 5000, "faulty room disposed");
  // The other room still ticks and applies inputs.
  for (let seq = 1; seq <= 5; seq++) healthy.send("input", { seq, moveX: 0, moveY: 1, aim: 0, fire: false });
  await waitFor(() => healthy.state.players.get(healthy.sessionId)?.ack === 5, 3000, "healthy room applies inputs");
  expect(matchMaker.getLocalRoomById(healthy.roomId)).toBeDefined();
  await healthy.leave();
});
