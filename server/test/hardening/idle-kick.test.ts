import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { ClientMessage, CloseCode, TICK_MS } from "@arena/shared";
import type { ArenaState } from "@arena/shared/games/arena";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/** A one-second idle limit (the default is 120 s), a reconnect grace, and bots filling rooms to 3. */
const IDLE_KICK_SEC = 1;
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer({ roomConfig: { idleKickSec: IDLE_KICK_SEC, reconnectGraceSec: 10, botFill: 3 } });
});
afterAll(async () => {
  await ts?.close();
});

interface Watched {
  room: Room<ArenaState>;
  closeCode: () => number;
  closedAtMs: () => number;
}

async function join(name: string): Promise<Watched> {
  const room = await ts.client(name).create<ArenaState>("arena");
  room.onMessage("*", () => undefined);
  let closeCode = 0;
  let closedAtMs = 0;
  room.onLeave((code) => {
    closeCode = code;
    closedAtMs = performance.now();
  });
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own player");
  return { room, closeCode: () => closeCode, closedAtMs: () => closedAtMs };
}

/** Send one input per tick for `forMs`. */
async function play(room: Room<ArenaState>, forMs: number, firstSeq = 1): Promise<number> {
  const startMs = performance.now();
  let seq = firstSeq - 1;
  while (performance.now() - startMs < forMs) {
    room.send(ClientMessage.Input, { seq: ++seq, moveX: 0, moveY: 0, aim: 0, fire: false });
    await sleep(TICK_MS);
  }
  return seq;
}

it("a player that sends no input is closed with 4408 after the idle limit, and its seat is not kept", async () => {
  // Taken before the join starts: the server's idle clock starts when it seats the player, which is
  // after this and before the client learns it joined (a busy machine can put most of a second between).
  const joinedAtMs = performance.now();
  const idler = await join("idler");
  const token = idler.room.reconnectionToken;
  await waitFor(() => idler.closeCode() !== 0, 5000, "the idle player closed");
  expect(idler.closeCode()).toBe(CloseCode.Idle);
  const afterMs = idler.closedAtMs() - joinedAtMs;
  expect(afterMs).toBeGreaterThanOrEqual(IDLE_KICK_SEC * 1000);
  expect(afterMs).toBeLessThan(IDLE_KICK_SEC * 1000 + 2000);
  // No reconnection seat: the token that would have brought it back within the grace is refused.
  await expect(ts.client("idler").reconnect(token)).rejects.toBeDefined();
});

it("a player sending inputs is not idle; once it stops, it is closed one idle limit later; bots are never closed", async () => {
  const player = await join("player");
  // People plus bots make 3 while someone plays.
  await waitFor(() => player.room.state.players.size === 3, 3000, "bots seated");
  const lastSeq = await play(player.room, 3 * IDLE_KICK_SEC * 1000);
  expect(player.closeCode()).toBe(0);
  expect(player.room.state.players.size).toBe(3); // the bots, silent as far as the intake knows, are still there
  const stoppedAtMs = performance.now();
  await waitFor(() => player.closeCode() !== 0, 5000, "the player closed once idle");
  expect(player.closeCode()).toBe(CloseCode.Idle);
  expect(player.closedAtMs() - stoppedAtMs).toBeGreaterThan(IDLE_KICK_SEC * 1000 - 200);
  expect(lastSeq).toBeGreaterThan(60);
});
