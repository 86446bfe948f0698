import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import type { Room } from "colyseus.js";
import { ServerMessage, TICK_HZ } from "@arena/shared";
import { ArenaMessage, type ArenaState } from "@arena/shared/games/arena";
import type { ArenaRoom } from "../../src/rooms/arena/arena-room.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

const MESSAGE_TYPES = ["input", "ping", "teleport", "", "__proto__", "constructor", "a".repeat(300)];

/** Random message bodies: anything fast-check can build, plus near-misses of a valid input. */
const bodyArb = fc.oneof(
  fc.anything({ maxDepth: 4, withBigInt: false, withBoxedValues: false, withNullPrototype: true, withObjectString: true }),
  fc.record({
    seq: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN)),
    moveX: fc.oneof(fc.double(), fc.string()),
    moveY: fc.double(),
    aim: fc.double(),
    fire: fc.oneof(fc.boolean(), fc.integer()),
  }, { requiredKeys: [] }),
);

/** Hand-picked nasties that fit in a frame. */
function nasties(): unknown[] {
  let deep: unknown = 1;
  for (let i = 0; i < 200; i++) deep = { a: deep };
  return [
    JSON.parse('{"__proto__":{"isAdmin":true},"seq":1,"moveX":0,"moveY":0,"aim":0,"fire":false}'),
    JSON.parse('{"constructor":{"prototype":{"isAdmin":true}}}'),
    deep,
    { seq: 1e308, moveX: 0, moveY: 0, aim: 0, fire: false },
    { seq: 2 ** 53 + 1, moveX: 0, moveY: 0, aim: 0, fire: false },
    { seq: 1, moveX: -0, moveY: 1e-320, aim: -1e308, fire: false },
    new Array(500).fill(0),
    "x".repeat(3000),
  ];
}

/** One fuzzing connection: sends until the server closes it. Returns messages sent and the close code. */
async function fuzzUntilKicked(roomId: string, bodies: Iterator<unknown>, budget: number): Promise<{ sent: number; code: number }> {
  const room: Room<ArenaState> = await ts.client().joinById(roomId, { name: "fuzzer" });
  room.onMessage("*", () => undefined);
  let code = 0;
  room.onLeave((c) => { code = c; });
  let sent = 0;
  while (code === 0 && sent < budget) {
    const next = bodies.next();
    if (next.done) break;
    const type = MESSAGE_TYPES[sent % MESSAGE_TYPES.length]!;
    try {
      if (sent % 50 === 49) room.sendBytes("input", new Uint8Array([0xc1, 0xff, 0x00, sent & 0xff]));
      else room.send(type, next.value);
    } catch {
      break;
    }
    sent++;
    if (sent % 10 === 0) await sleep(2);
  }
  await waitFor(() => code !== 0 || sent >= budget, 10_000, "fuzzer closed");
  if (code === 0) await room.leave();
  return { sent, code };
}

it("survives 5,000+ malformed messages while an honest client keeps playing", async () => {
  const honest = await ts.client().joinOrCreate<ArenaState>("arena", { name: "honest" });
  honest.onMessage(ArenaMessage.Shot, () => undefined);
  const honestErrors: unknown[] = [];
  honest.onMessage(ServerMessage.Error, (e) => honestErrors.push(e));
  await waitFor(() => honest.state.players?.get(honest.sessionId), 3000, "honest player");
  const serverRoom = ts.serverRoom<ArenaRoom>(honest.roomId);

  // The honest client sends 60 inputs/s for as long as the fuzzing lasts.
  let seq = 0;
  let fuzzing = true;
  const honestLoop = (async () => {
    const start = performance.now();
    while (fuzzing) {
      honest.send("input", { seq: ++seq, moveX: seq % 120 < 60 ? 1 : -1, moveY: 0, aim: 0, fire: false });
      const due = start + (seq * 1000) / TICK_HZ - performance.now();
      await sleep(Math.max(0, due));
    }
  })();

  // The tick rate on this machine right now, with only the honest client: the baseline the rate
  // under fuzzing is compared with (a shared machine's speed varies from minute to minute; the
  // claim is that the fuzzing costs the tick nothing, not that the machine is idle).
  const baseTick0 = serverRoom.state.tick;
  const baseT0 = performance.now();
  await sleep(2000);
  const beforeRate = (serverRoom.state.tick - baseTick0) / ((performance.now() - baseT0) / 1000);

  const tick0 = serverRoom.state.tick;
  const t0 = performance.now();
  const bodies = [...nasties(), ...fc.sample(bodyArb, { numRuns: 5200, seed: 42 })][Symbol.iterator]();
  let total = 0;
  const codes: number[] = [];
  while (total < 5000) {
    const { sent, code } = await fuzzUntilKicked(honest.roomId, bodies, 400);
    total += sent;
    codes.push(code);
  }
  // Keep the honest client playing for at least 3 s in all, so the tick rate is measured over a while.
  await sleep(Math.max(0, 3000 - (performance.now() - t0)));
  fuzzing = false;
  await honestLoop;
  const elapsedSec = (performance.now() - t0) / 1000;
  const tickRate = (serverRoom.state.tick - tick0) / elapsedSec;

  const me = honest.state.players.get(honest.sessionId)!;
  await waitFor(() => me.ack === seq, 5000, "every honest input applied");
  // The machine's rate again, after the fuzzing (the honest client alone, idle): the slower of the
  // two windows is the baseline, so a machine that got busier meanwhile is not blamed on the fuzzing.
  const afterTick0 = serverRoom.state.tick;
  const afterT0 = performance.now();
  await sleep(2000);
  const afterRate = (serverRoom.state.tick - afterTick0) / ((performance.now() - afterT0) / 1000);
  const baselineRate = Math.min(beforeRate, afterRate);
  expect(total).toBeGreaterThanOrEqual(5000);
  expect(codes.length).toBeGreaterThan(10);
  expect(seq).toBeGreaterThan(150);
  expect(honestErrors, JSON.stringify(honestErrors).slice(0, 500)).toEqual([]);
  console.info(`fuzz: tick rate ${tickRate.toFixed(2)} Hz while fuzzed, ${beforeRate.toFixed(2)} Hz just before, ${afterRate.toFixed(2)} Hz just after (${TICK_HZ} Hz nominal)`);
  // In this harness the fuzzer runs in the server's own process and event loop (thousands of
  // messages a second, each built and sent here), so its own CPU shows in the tick rate when the
  // machine has no spare core for the process: with a busy loop on the other core, 55-58 Hz
  // against 60 just before, on main before this check changed as after; with both cores shared by
  // another test file and Chromium, 52.8 against 60. Hence 20% of the slower of the windows just
  // before and just after; a server that choked on the garbage (a slow path, a stack logged per
  // message) drops far more.
  expect(tickRate).toBeGreaterThan(baselineRate * 0.8);
  expect(tickRate).toBeLessThan(TICK_HZ * 1.05);
  expect(baselineRate, "the machine kept the room near its tick rate at all").toBeGreaterThan(TICK_HZ * 0.75);
  // Every fuzzing connection was closed by the server: 4401 (abuse) or 4002 (undecodable).
  expect(codes.every((c) => c === 4401 || c === 4002)).toBe(true);
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  // The kicked fuzzers hold no seats: only the honest player remains.
  await waitFor(() => serverRoom.state.players.size === 1, 5000, "fuzzers gone");
  await honest.leave();
});

it("closes a socket that sends a 1 MB frame, and keeps serving others", async () => {
  const honest = await ts.client().joinOrCreate<ArenaState>("arena", { name: "honest2" });
  honest.onMessage("*", () => undefined);
  const big = await ts.client().joinById<ArenaState>(honest.roomId, { name: "big" });
  big.onMessage("*", () => undefined);
  let code = 0;
  big.onLeave((c) => { code = c; });
  big.sendBytes("input", new Uint8Array(1024 * 1024));
  await waitFor(() => code !== 0, 5000, "big frame closes the socket");
  expect(code).toBe(1009);
  honest.send("input", { seq: 1, moveX: 1, moveY: 0, aim: 0, fire: false });
  await waitFor(() => honest.state.players.get(honest.sessionId)?.ack === 1, 3000, "honest input applied");
  await honest.leave();
});
