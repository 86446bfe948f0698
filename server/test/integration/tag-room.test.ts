import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { TICK_HZ } from "@arena/shared";
import { tagGame, type TagBody, type TagInput, type TagPlayer, type TagState } from "@arena/shared/games/tag";
import { NetSession } from "../../../client/src/net/index.js";
import type { TagRoom } from "../../src/rooms/tag/tag-room.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

async function join(name: string, roomId?: string): Promise<Room<TagState>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<TagState>(roomId) : await client.create<TagState>("tag");
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own runner");
  return room;
}

it("the first runner is it; inputs accelerate it and ack advances", async () => {
  const room = await join("first");
  const me = room.state.players.get(room.sessionId)!;
  expect(me.it).toBe(true);
  const x0 = me.x;
  for (let seq = 1; seq <= 30; seq++) {
    room.send("input", { seq, moveX: x0 < 600 ? 1 : -1, moveY: 0, dash: false });
    await sleep(16);
  }
  await waitFor(() => me.ack === 30, 3000, "ack 30");
  expect(Math.abs(me.x - x0)).toBeGreaterThan(20);
  expect(Math.abs(me.vx)).toBeGreaterThan(100);
  await room.leave();
});

it("touching where the target was 150 ms ago tags it (lag compensated); the present position does not", async () => {
  const chaser = await join("chaser");
  const target = await join("target", chaser.roomId);
  const room = ts.serverRoom<TagRoom>(chaser.roomId);
  const sChaser = room.state.players.get(chaser.sessionId)!;
  const sTarget = room.state.players.get(target.sessionId)!;
  expect(sChaser.it).toBe(true);
  sTarget.x = 100;
  sTarget.y = 700;
  sChaser.x = 100;
  sChaser.y = 700 - 40;
  const seen = new Map<number, number>();
  // Waits below poll the server room directly, so they cost well under a tick.
  chaser.onStateChange((s) => {
    const t = s.players.get(target.sessionId);
    if (t) seen.set(s.tick, t.x);
  });
  let seq = 0;
  const mover = setInterval(() => target.send("input", { seq: ++seq, moveX: 1, moveY: 0, dash: false }), 1000 / TICK_HZ);
  try {
    // Without rewind: the chaser stands where the target was 150 ms ago; the target is long gone.
    const [oldTick, oldX] = await waitFor(() => [...seen.entries()].reverse().find(([, x]) => x > 150), 5000, "seen running");
    await waitFor(() => room.state.tick >= oldTick + 9, 2000, "150 ms later");
    sChaser.x = oldX;
    sChaser.y = 700 - 20;
    chaser.send("input", { seq: 1, moveX: 0, moveY: 0, dash: false });
    await waitFor(() => sChaser.ack === 1, 2000, "present input applied");
    expect(sTarget.it).toBe(false);
    // With rewind: a fresh view tick, 150 ms old when the input lands (within the 250 ms cap): tagged.
    const [viewTick, seenX] = await waitFor(() => [...seen.entries()].reverse().find(([t]) => t > oldTick + 9), 2000, "fresh view");
    await waitFor(() => room.state.tick >= viewTick + 9, 2000, "150 ms later");
    sChaser.x = seenX;
    sChaser.y = 700 - 20;
    chaser.send("input", { seq: 2, moveX: 0, moveY: 0, dash: false, viewTick });
    await waitFor(() => sChaser.ack === 2, 2000, "rewound input applied");
    expect(room.state.tick - viewTick).toBeLessThanOrEqual(15);
    expect(sTarget.it).toBe(true);
    expect(sChaser.it).toBe(false);
  } finally {
    clearInterval(mover);
  }
  await chaser.leave();
  await target.leave();
});

it("predicted tag runner (velocity + dash) behind 150 ms latency ends exactly on the server, zero corrections", async () => {
  const room = await join("predictor");
  const session = new NetSession<TagState, TagPlayer, TagBody, TagInput>(room, tagGame, {
    link: { latencyMs: 150, jitterMs: 0, bandwidthBytesPerSec: 0 },
  });
  await waitFor(() => session.predictor, 3000, "predictor");
  const start = performance.now();
  for (let i = 0; i < 200; i++) {
    const dir = Math.floor(i / 30) % 4;
    session.sendInput({ moveX: [1, 0, -1, 0][dir]!, moveY: [0, 1, 0, -1][dir]!, dash: i % 45 === 0 });
    await sleep(Math.max(0, start + ((i + 1) * 1000) / TICK_HZ - performance.now()));
  }
  const me = room.state.players.get(room.sessionId)!;
  await waitFor(() => me.ack === 200 && session.predictor!.pendingCount === 0, 5000, "all acked");
  const server = ts.serverRoom<TagRoom>(room.roomId).state.players.get(room.sessionId)!;
  const p = session.predictor!.current;
  expect([p.x, p.y, p.vx, p.vy, p.dashCooldown]).toEqual([server.x, server.y, server.vx, server.vy, server.dashCooldown]);
  expect(session.predictor!.corrections).toBe(0);
  session.dispose();
  await room.leave();
});
