import { afterAll, beforeAll, expect, it } from "vitest";
import type { Room } from "colyseus.js";
import { TICK_HZ } from "@arena/shared";
import { tagGame, type TagBody, type TagInput, type TagPlayer, type TagState } from "@arena/shared/games/tag";
import { NetSession } from "../../../client/src/net/index.js";
import type { TagRoom } from "../../src/rooms/tag/tag-room.js";
import { sleep, startTestServer, waitFor, type TestServer } from "../helpers/test-server.js";

/**
 * Contact between tag runners is the one expected source of corrections: a tag flips `it` on
 * the server, and `it` sets the speed cap (TAG_IT_SPEED_BONUS), so the inputs a runner had in
 * flight at the flip were predicted with the old cap. This measures those corrections with two
 * predicting clients chasing each other behind a simulated link, and checks that they happen only
 * at a flip, once each, and stay under the snap distance (smoothed, never snapped).
 *
 * One-way added latency: TAG_CONTACT_LATENCY_MS (default 75, i.e. 150 ms round trip); seconds
 * played: TAG_CONTACT_SEC (default 12). Figures: docs/performance.md.
 */
const LATENCY_MS = Number(process.env.TAG_CONTACT_LATENCY_MS ?? 75);
const PLAY_SEC = Number(process.env.TAG_CONTACT_SEC ?? 12);
/** Predictor's default snap distance, in px (PredictorOptions.snapDistancePx). */
const SNAP_DISTANCE_PX = 96;

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.close();
});

interface Runner {
  room: Room<TagState>;
  session: NetSession<TagState, TagPlayer, TagBody, TagInput>;
  /** Sizes of this runner's corrections, in px, and whether its `it` flipped in the same patch. */
  corrections: { px: number; atFlip: boolean }[];
  flips: number;
}

async function join(name: string, roomId?: string): Promise<Room<TagState>> {
  const client = ts.client(name);
  const room = roomId ? await client.joinById<TagState>(roomId) : await client.create<TagState>("tag");
  await waitFor(() => room.state.players?.get(room.sessionId), 3000, "own runner");
  return room;
}

/** Start predicting on a joined room and record its corrections. */
async function runner(room: Room<TagState>): Promise<Runner> {
  const session = new NetSession<TagState, TagPlayer, TagBody, TagInput>(room, tagGame, {
    link: { latencyMs: LATENCY_MS, jitterMs: 0, bandwidthBytesPerSec: 0 },
  });
  await waitFor(() => session.predictor, 3000, "predictor");
  const r: Runner = { room, session, corrections: [], flips: 0 };
  let seen = 0;
  let wasIt = room.state.players.get(room.sessionId)!.it;
  // Registered after the session's own listener, so each patch is already reconciled here.
  room.onStateChange((state) => {
    const it = state.players.get(room.sessionId)?.it ?? wasIt;
    const flipped = it !== wasIt;
    wasIt = it;
    if (flipped) r.flips++;
    const p = session.predictor!;
    if (p.corrections === seen) return;
    // One patch makes at most one correction.
    expect(p.corrections).toBe(seen + 1);
    seen = p.corrections;
    r.corrections.push({ px: p.lastCorrectionPx, atFlip: flipped });
  });
  return r;
}

/** Keyboard-like input (axes -1, 0, 1) toward the other runner as this client last decoded it; dash when close. */
function chase(me: Runner, other: Runner): Omit<TagInput, "seq" | "viewTick"> {
  const own = me.session.predictor!.current;
  const them = me.room.state.players.get(other.room.sessionId);
  if (!them) return { moveX: 0, moveY: 0, dash: false };
  const dx = them.x - own.x;
  const dy = them.y - own.y;
  const axis = (d: number, across: number): number => (Math.abs(d) < Math.abs(across) / 3 ? 0 : Math.sign(d));
  return { moveX: axis(dx, dy), moveY: axis(dy, dx), dash: Math.hypot(dx, dy) < 80 };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

it(`two runners chasing each other behind ${2 * LATENCY_MS} ms round trip: corrections only where a tag flips 'it', small and never snapped`, async () => {
  const roomA = await join("chaser-a");
  const roomB = await join("chaser-b", roomA.roomId);
  // Spawns put the centre pillar between them; start both in the open bottom lane instead
  // (moved on the server before either client predicts, so the move is no correction).
  const server = ts.serverRoom<TagRoom>(roomA.roomId);
  const start = [[200, 700], [1000, 700]] as const;
  [roomA, roomB].forEach((room, i) => Object.assign(server.state.players.get(room.sessionId)!, { x: start[i]![0], y: start[i]![1] }));
  await waitFor(() => [roomA, roomB].every((room, i) => room.state.players.get(room.sessionId)!.x === start[i]![0]), 3000, "runners moved");
  const a = await runner(roomA);
  const b = await runner(roomB);
  // Both run at each other at the client's 60 Hz, rendering frames as a browser would (the render
  // clock gives each input its viewTick for the lag-compensated tag).
  let last = performance.now();
  const end = last + PLAY_SEC * 1000;
  while (performance.now() < end) {
    await sleep(1000 / TICK_HZ);
    const now = performance.now();
    a.session.frame(now - last, () => chase(a, b));
    b.session.frame(now - last, () => chase(b, a));
    last = now;
  }
  for (const r of [a, b]) {
    r.session.flushInputs();
    await waitFor(() => r.session.predictor!.pendingCount === 0, 5000, "all inputs acked");
  }
  const all = [...a.corrections, ...b.corrections];
  const sizes = all.map((c) => c.px).sort((x, y) => x - y);
  const flips = a.flips + b.flips;
  console.info(`[tag contact] ${2 * LATENCY_MS} ms round trip, ${PLAY_SEC} s: ${flips} 'it' flips seen, ${all.length} corrections, ` +
    `p50 ${percentile(sizes, 0.5).toFixed(2)} px, p90 ${percentile(sizes, 0.9).toFixed(2)} px, max ${(sizes.at(-1) ?? 0).toFixed(2)} px`);
  // They did meet: tags happened (at most one a second: TAG_IMMUNITY_TICKS).
  expect(flips).toBeGreaterThanOrEqual(4);
  // Every correction came with a flip of the runner's own `it`, at most one per flip...
  expect(all.filter((c) => !c.atFlip)).toEqual([]);
  expect(all.length).toBeLessThanOrEqual(flips);
  // ...and each was smoothed, not snapped.
  expect(sizes.at(-1) ?? 0).toBeLessThan(SNAP_DISTANCE_PX);
  for (const r of [a, b]) {
    r.session.dispose();
    await r.room.leave();
  }
});
